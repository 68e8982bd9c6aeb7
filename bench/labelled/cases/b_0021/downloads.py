import os

from flask import Flask, send_file

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "/srv/app/uploads"


def upload_path(filename):
    return os.path.join(app.config["UPLOAD_FOLDER"], filename)


@app.route("/uploads/<path:filename>")
def download(filename):
    target = upload_path(filename)
    return send_file(target, as_attachment=True)
