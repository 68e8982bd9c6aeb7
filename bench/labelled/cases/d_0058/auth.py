from flask import Blueprint, current_app, jsonify, request, session
from werkzeug.security import check_password_hash

from .repository import UserRepository

bp = Blueprint("auth", __name__)
users = UserRepository()


@bp.post("/login")
def login():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    account = users.by_username(username)
    if account is None or not account["is_active"] or not check_password_hash(account["password_hash"], password):
        current_app.logger.warning("failed login for %s from %s", username, request.remote_addr)
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = account["id"]
    return jsonify(status="ok")
