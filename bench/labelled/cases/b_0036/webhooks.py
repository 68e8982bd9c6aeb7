from urllib.parse import urlparse

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

ALLOWED_HOSTS = {"hooks.slack.com", "discord.com", "api.pagerduty.com"}


@app.route("/integrations/test", methods=["POST"])
def test_integration():
    target = request.json.get("webhook_url", "")
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        return jsonify(error="webhook host not allowed"), 400
    r = requests.post(target, json={"text": "Test notification"}, timeout=5, allow_redirects=False)
    return jsonify(delivered=r.ok, status=r.status_code)
