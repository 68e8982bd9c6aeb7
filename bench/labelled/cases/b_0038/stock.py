import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

INVENTORY_SERVICE = "http://inventory.internal:8081"


@app.route("/stock")
def stock_level():
    raw_id = request.args.get("product_id", "")
    try:
        product_id = int(raw_id)
    except ValueError:
        abort(400)
    url = f"{INVENTORY_SERVICE}/products/{product_id}/stock"
    resp = requests.get(url, timeout=3)
    return jsonify(product_id=product_id, available=resp.json().get("available", 0))
