import secrets
import string

from flask import Flask, jsonify, request

app = Flask(__name__)
RESET_TOKENS = {}
ALPHABET = string.ascii_letters + string.digits


def new_reset_token(length=32):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


@app.route("/password/reset", methods=["POST"])
def password_reset():
    email = request.form.get("email", "")
    token = new_reset_token()
    RESET_TOKENS[token] = email
    return jsonify({"sent": True})
