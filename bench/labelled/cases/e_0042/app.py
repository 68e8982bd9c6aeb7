import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
SERVICES = {
    "billing": "billing.internal",
    "search": "search.internal",
    "auth": "auth.internal",
}


def build_status_url(host, port):
    return "http://{}:{}/health".format(host, port)


@app.route("/monitor/check")
def monitor_check():
    service = request.args.get("service", "billing")
    host = SERVICES.get(service.strip(), "localhost")
    url = build_status_url(host, 8080)
    r = requests.get(url, timeout=5)
    return jsonify({"status": r.status_code})
