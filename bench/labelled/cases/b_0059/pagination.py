from flask import Flask, jsonify, request

app = Flask(__name__)

ITEMS = [{"id": i, "name": f"item-{i}"} for i in range(1, 501)]


@app.route("/api/items")
def list_items():
    try:
        per_page = max(1, min(int(request.args.get("per_page", "50")), 100))
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        return jsonify(error="page and per_page must be integers"), 400
    start = (page - 1) * per_page
    resp = jsonify(ITEMS[start:start + per_page])
    resp.headers["X-Total-Count"] = str(len(ITEMS))
    resp.headers["X-Page-Size"] = str(per_page)
    resp.headers["X-Page"] = str(page)
    return resp
