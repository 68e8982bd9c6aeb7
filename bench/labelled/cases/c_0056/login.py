import logging
import os
import re

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash

from user_store import USERS

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
logger = logging.getLogger("auth")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def _printable(value):
    return _CONTROL_CHARS.sub("?", value)[:64]


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    shown = _printable(username)
    password = request.form.get("password", "")
    user = USERS.get(username)
    if user is None or not check_password_hash(user["pw_hash"], password):
        logger.warning("Failed login attempt for user %s from %s", shown, request.remote_addr)
        return jsonify(error="invalid credentials"), 401
    session["uid"] = user["id"]
    logger.info("Login succeeded for uid=%d", user["id"])
    return jsonify(ok=True)
