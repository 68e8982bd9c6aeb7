from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
products = MongoClient()["shop"]["products"]


def price_filter(max_price, category):
    clause = "this.price <= " + max_price
    if category:
        clause += " && this.category == '" + category + "'"
    return {"$where": clause}


@app.route("/products/cheap")
def cheap_products():
    max_price = request.args.get("max", "100")
    category = request.args.get("category", "")
    cursor = products.find(price_filter(max_price, category), {"_id": 0}).limit(100)
    return jsonify(list(cursor))
