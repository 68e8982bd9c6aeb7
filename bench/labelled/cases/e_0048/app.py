import base64
import json

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart", "")
    if not raw:
        return jsonify([])
    payload = base64.b64decode(raw)
    items = json.loads(payload.decode("utf-8"))
    return jsonify(list(items))
