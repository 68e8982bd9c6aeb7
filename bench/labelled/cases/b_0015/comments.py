import logging

from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)
log = logging.getLogger("comments")

COMMENTS = []


@app.route("/comments/preview", methods=["POST"])
def preview_comment():
    text = request.form.get("text", "")
    author = request.form.get("author", "anonymous")
    safe_text = escape(text)
    log.info("preview requested by %s (%d chars)", author, len(safe_text))
    preview = "<article><header>%s wrote:</header><p>%s</p></article>" % (
        author,
        safe_text,
    )
    return preview
