import os
import shelve
import threading

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

PREFS_DB = "/var/lib/notes-app/preferences"
ALLOWED_KEYS = {"theme", "font_size", "language"}
_lock = threading.Lock()


def _current_user():
    return str(session.get("user_id", "anonymous"))


@app.route("/preferences", methods=["GET"])
def get_preferences():
    with _lock, shelve.open(PREFS_DB) as db:
        prefs = db.get(_current_user(), {})
    return jsonify(prefs)


@app.route("/preferences", methods=["POST"])
def set_preferences():
    incoming = request.get_json(force=True) or {}
    updates = {k: str(v)[:40] for k, v in incoming.items() if k in ALLOWED_KEYS}
    user = _current_user()
    with _lock, shelve.open(PREFS_DB, writeback=False) as db:
        prefs = db.get(user, {})
        prefs.update(updates)
        db[user] = prefs
    return jsonify(prefs)
