import os

import psycopg2
import psycopg2.extras

DSN = os.environ.get("DATABASE_URL", "dbname=shop user=shop")


def _conn():
    return psycopg2.connect(DSN)


def find_orders(customer_id, status=None):
    query = "SELECT id, total, status, created_at FROM orders WHERE customer_id = %s"
    params = [customer_id]
    if status:
        query += " AND status = %s"
        params.append(status)
    with _conn() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute(query, tuple(params))
        return [dict(r) for r in cur.fetchall()]


def ping():
    with _conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT 1")
        return cur.fetchone()[0] == 1
