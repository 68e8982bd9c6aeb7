import requests
from flask import Flask, jsonify, request

from settings_map import endpoint_for

app = Flask(__name__)


@app.route("/weather")
def weather():
    region = request.args.get("region", "eu")
    city = request.args.get("city", "Berlin")
    base = endpoint_for(region)
    resp = requests.get(base + "/v2/current", params={"city": city}, timeout=4)
    resp.raise_for_status()
    return jsonify(resp.json())
