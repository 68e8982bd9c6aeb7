import hashlib

from flask import Flask, request, jsonify, session
from pymongo import MongoClient

app = Flask(__name__)
app.secret_key = "change-me"
users = MongoClient("mongodb://localhost:27017")["portal"]["users"]


@app.route("/api/login", methods=["POST"])
def login():
    creds = request.get_json(force=True) or {}
    username = creds.get("username")
    password = creds.get("password")
    user = users.find_one({"username": username, "password": password})
    if user is None:
        return jsonify({"ok": False}), 401
    session["uid"] = str(user["_id"])
    token = hashlib.sha256(session["uid"].encode()).hexdigest()[:16]
    return jsonify({"ok": True, "token": token})
