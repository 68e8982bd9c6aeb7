import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


def build_status_url(host, port):
    return "http://{}:{}/health".format(host, port)


@app.route("/monitor/check")
def monitor_check():
    host = request.args.get("host", "localhost")
    url = build_status_url(host.strip(), 8080)
    r = requests.get(url, timeout=5)
    return jsonify({"status": r.status_code})
