import re
import sqlite3

import tornado.web

DB_PATH = "/var/data/catalog.db"
CODE_RE = re.compile(r"[A-Za-z0-9_]{1,32}")


class CategoryHandler(tornado.web.RequestHandler):
    def initialize(self):
        self.conn = sqlite3.connect(DB_PATH)

    def get(self):
        code = self.get_argument("category", "")
        if not CODE_RE.fullmatch(code):
            self.set_status(400)
            self.write({"error": "invalid category"})
            return
        sql = f"SELECT id, title, price FROM products WHERE category_code = '{code}' LIMIT 50"
        rows = self.conn.execute(sql).fetchall()
        self.write({"results": [{"id": r[0], "title": r[1], "price": r[2]} for r in rows]})

    def on_finish(self):
        self.conn.close()
