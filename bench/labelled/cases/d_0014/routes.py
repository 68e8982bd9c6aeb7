from flask import Blueprint, current_app, jsonify, request

from .store import ResetTokenStore
from .users import set_password

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _store():
    return ResetTokenStore(current_app.config["MONGO_URI"])


@bp.post("/reset/confirm")
def confirm_reset():
    payload = request.get_json(silent=True) or {}
    email = payload.get("email")
    token = payload.get("token")
    new_password = payload.get("password", "")
    if not isinstance(email, str) or not isinstance(token, str):
        return jsonify(error="invalid request"), 400
    if not email or not token or not isinstance(new_password, str) or len(new_password) < 12:
        return jsonify(error="invalid request"), 400

    record = _store().consume(email.strip().lower(), token)
    if record is None:
        return jsonify(error="invalid or expired token"), 400
    set_password(record["user_id"], new_password)
    return jsonify(status="ok")
