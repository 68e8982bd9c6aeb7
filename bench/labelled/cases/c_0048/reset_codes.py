import hmac
import secrets
from datetime import datetime, timedelta, timezone

from flask import Flask, jsonify, request
from flask_mail import Mail, Message

from models import User

app = Flask(__name__)
mail = Mail(app)
RESET_CODES = {}
CODE_TTL = timedelta(minutes=15)


def issue_reset_code(email):
    code = f"{secrets.randbelow(1_000_000):06d}"
    RESET_CODES[email] = (code, datetime.now(timezone.utc) + CODE_TTL)
    return code


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form.get("email", "").strip().lower()
    user = User.query.filter_by(email=email).first()
    if user is not None:
        code = issue_reset_code(email)
        mail.send(Message("Your reset code", recipients=[email], body=f"Your code is {code}"))
    return jsonify(message="If the account exists, a code has been sent.")


@app.route("/password/verify", methods=["POST"])
def verify_code():
    email = request.form.get("email", "").strip().lower()
    entry = RESET_CODES.get(email)
    if entry is None or datetime.now(timezone.utc) > entry[1]:
        return jsonify(valid=False), 400
    return jsonify(valid=hmac.compare_digest(entry[0], request.form.get("code", "")))
