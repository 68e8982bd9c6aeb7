import sqlite3

from flask import Flask, g, jsonify

app = Flask(__name__)
DATABASE = "/var/data/library.db"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/authors/<name>/books")
def books_by_author(name):
    cur = get_db().cursor()
    cur.execute(f"SELECT id, title, year FROM books WHERE author = '{name}' ORDER BY year")
    return jsonify([dict(r) for r in cur.fetchall()])
