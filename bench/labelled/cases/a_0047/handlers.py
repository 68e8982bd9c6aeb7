import sqlite3

import tornado.web

DB_PATH = "/var/data/catalog.db"


def strip_comments(text):
    return text.replace("--", "").replace("/*", "").replace("*/", "")


class SearchHandler(tornado.web.RequestHandler):
    def initialize(self):
        self.conn = sqlite3.connect(DB_PATH)

    def get(self):
        term = strip_comments(self.get_argument("q", ""))
        sql = "SELECT id, title, price FROM products WHERE title LIKE '%" + term + "%' LIMIT 50"
        rows = self.conn.execute(sql).fetchall()
        self.write({"results": [{"id": r[0], "title": r[1], "price": r[2]} for r in rows]})

    def on_finish(self):
        self.conn.close()
