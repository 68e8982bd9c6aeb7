import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/link-preview")
def link_preview():
    url = request.args.get("url")
    if not url:
        return jsonify(error="url is required"), 400
    resp = requests.get(url, timeout=5, headers={"User-Agent": "PreviewBot/1.0"})
    title = ""
    text = resp.text
    start = text.find("<title>")
    if start != -1:
        end = text.find("</title>", start)
        title = text[start + 7:end].strip()
    return jsonify(status=resp.status_code, title=title)
