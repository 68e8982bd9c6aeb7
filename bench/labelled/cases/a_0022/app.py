import json

from flask import Flask, request, jsonify

app = Flask(__name__)

DEFAULTS_EXPR = "{'page': 1, 'size': 25, 'order': 'desc', 'fields': ('id', 'title')}"


def load_defaults():
    return eval(DEFAULTS_EXPR)


@app.route("/articles")
def list_articles():
    settings = load_defaults()
    raw = request.args.get("size")
    if raw and raw.isdigit():
        settings["size"] = min(int(raw), 100)
    settings["q"] = request.args.get("q", "")
    return jsonify({"settings": settings, "echo": json.dumps(settings["q"])})
