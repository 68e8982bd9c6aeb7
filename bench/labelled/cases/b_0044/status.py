import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

UPSTREAM_STATUS = "https://status.example-cloud.com/api/v2/summary.json"


@app.route("/upstream-status")
def upstream_status():
    config = {"endpoint": UPSTREAM_STATUS, "timeout": 4}
    override = request.headers.get("X-Status-Endpoint")
    if override:
        config["endpoint"] = override
    resp = requests.get(config["endpoint"], timeout=config["timeout"])
    summary = resp.json()
    return jsonify(indicator=summary.get("status", {}).get("indicator", "unknown"))
