import os

from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
AVATAR_DIR = "/srv/app/avatars"
ALLOWED_EXT = {"png", "jpg", "jpeg", "gif"}


def allowed(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXT


@app.route("/avatar", methods=["POST"])
def upload_avatar():
    uploaded = request.files.get("avatar")
    if uploaded is None or not allowed(uploaded.filename):
        abort(400)
    name = secure_filename(uploaded.filename)
    if not name:
        abort(400)
    destination = os.path.join(AVATAR_DIR, name)
    uploaded.save(destination)
    return {"stored": name}, 201
