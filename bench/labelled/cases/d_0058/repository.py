import sqlite3

from flask import current_app, g


class UserRepository:
    def _conn(self):
        if "db" not in g:
            g.db = sqlite3.connect(current_app.config["DATABASE_PATH"])
            g.db.row_factory = sqlite3.Row
        return g.db

    def by_username(self, username):
        cur = self._conn().execute(
            "SELECT id, username, password_hash, is_active FROM users WHERE username = ?",
            (username,),
        )
        return cur.fetchone()
