import base64
import os

from flask import Flask, Response, abort, request

app = Flask(__name__)
BASE_DIR = os.path.realpath("/srv/app/uploads")


@app.route("/download")
def download():
    param = request.args.get("file", "")
    token = base64.urlsafe_b64encode(param.encode("utf-8")).decode("ascii")
    bar = base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8")
    full_path = os.path.realpath(os.path.join(BASE_DIR, bar))
    if os.path.commonpath([BASE_DIR, full_path]) != BASE_DIR:
        abort(404)
    with open(full_path, "rb") as fh:
        data = fh.read()
    return Response(data, mimetype="application/octet-stream")
