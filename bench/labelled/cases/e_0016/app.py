import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = "/srv/app/users.db"


def build_lookup(name):
    return "SELECT id, email FROM users WHERE username = ?", (name.strip(),)


@app.route("/users/lookup", methods=["GET"])
def lookup():
    param = request.args.get("username", "")
    sql, params = build_lookup(param)
    conn = sqlite3.connect(DB_PATH)
    try:
        rows = conn.execute(sql, params).fetchall()
    finally:
        conn.close()
    return jsonify([{"id": r[0], "email": r[1]} for r in rows])
