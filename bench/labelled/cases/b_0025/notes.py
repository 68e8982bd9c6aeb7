import html
import os

from flask import Flask, jsonify, request

app = Flask(__name__)

NOTES_DIR = "/srv/notes"


def clean(value):
    return html.escape(value.strip())


@app.route("/notes", methods=["GET"])
def get_note():
    title = clean(request.args.get("title", ""))
    if not title:
        return jsonify(error="title required"), 400
    note_file = os.path.join(NOTES_DIR, title + ".txt")
    with open(note_file, encoding="utf-8") as f:
        return jsonify(title=title, body=f.read())
