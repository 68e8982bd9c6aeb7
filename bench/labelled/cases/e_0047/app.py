import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart", "")
    if not raw:
        return jsonify([])
    payload = base64.b64decode(raw)
    items = pickle.loads(payload)
    return jsonify(list(items))
