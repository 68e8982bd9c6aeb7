import psycopg2
import psycopg2.extras
from flask import current_app, g


class OrderRepository:
    def __init__(self, conn):
        self.conn = conn

    @classmethod
    def from_app(cls):
        if "db" not in g:
            g.db = psycopg2.connect(current_app.config["DATABASE_DSN"])
        return cls(g.db)

    def search(self, status, order_by, direction):
        sql = (
            "SELECT id, customer_id, total_cents, status, created_at FROM orders "
            "WHERE status = %s ORDER BY " + order_by + " " + direction + " LIMIT 100"
        )
        with self.conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(sql, (status,))
            return cur.fetchall()
