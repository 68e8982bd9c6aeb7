from bottle import Bottle, request, response
from pymongo import MongoClient

app = Bottle()
stock = MongoClient()["warehouse"]["stock"]

AVAILABLE = "this.on_hand - this.reserved > 0"


@app.get("/stock/available")
def available():
    category = request.query.get("category", "general")
    query = {"category": category, "$where": AVAILABLE}
    docs = stock.find(query, {"_id": 0, "sku": 1, "on_hand": 1}).limit(50)
    response.content_type = "application/json"
    return {"category": category, "items": list(docs)}


if __name__ == "__main__":
    app.run(port=8083)
