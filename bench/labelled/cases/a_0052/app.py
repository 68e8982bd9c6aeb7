from flask import Flask, request, jsonify, abort
from pymongo import MongoClient

app = Flask(__name__)
products = MongoClient()["shop"]["products"]


def price_filter(max_price, category):
    query = {"price": {"$lte": max_price}}
    if category:
        query["category"] = category
    return query


@app.route("/products/cheap")
def cheap_products():
    try:
        max_price = float(request.args.get("max", "100"))
    except ValueError:
        abort(400)
    category = request.args.get("category", "")
    cursor = products.find(price_filter(max_price, category), {"_id": 0}).limit(100)
    return jsonify(list(cursor))
