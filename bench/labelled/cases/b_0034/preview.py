import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

SEARCH_API = "https://api.duckduckgo.com/"


@app.route("/instant-answer")
def instant_answer():
    query = request.args.get("q")
    if not query:
        return jsonify(error="q is required"), 400
    resp = requests.get(
        SEARCH_API,
        params={"q": query, "format": "json", "no_html": 1},
        timeout=5,
    )
    data = resp.json()
    return jsonify(heading=data.get("Heading", ""), abstract=data.get("AbstractText", ""))
