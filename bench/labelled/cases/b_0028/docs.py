import os

from flask import Flask, abort, request, Response

app = Flask(__name__)

DOCS_DIR = "/srv/docs"
AVAILABLE_DOCS = {
    "install": "install.md",
    "usage": "usage.md",
    "faq": "faq.md",
    "changelog": "CHANGELOG.md",
}


@app.route("/docs")
def show_doc():
    topic = request.args.get("topic", "usage")
    filename = AVAILABLE_DOCS.get(topic)
    if filename is None:
        abort(404)
    path = os.path.join(DOCS_DIR, filename)
    with open(path, encoding="utf-8") as fp:
        return Response(fp.read(), mimetype="text/markdown")
