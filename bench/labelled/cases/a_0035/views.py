from flask import Flask, jsonify, request

import db

app = Flask(__name__)


@app.route("/customers/<customer_id>/orders")
def customer_orders(customer_id):
    status = request.args.get("status")
    orders = db.find_orders(customer_id, status)
    return jsonify({"customer": customer_id, "orders": orders})


@app.route("/health")
def health():
    return jsonify({"db": db.ping()})
