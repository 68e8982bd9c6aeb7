import urllib.request

from flask import Flask, Response, request

app = Flask(__name__)

MAX_BYTES = 2 * 1024 * 1024


@app.route("/api/avatar/import", methods=["POST"])
def import_avatar():
    data = request.get_json(force=True)
    image_url = data.get("image_url")
    try:
        with urllib.request.urlopen(image_url, timeout=8) as remote:
            content = remote.read(MAX_BYTES)
            ctype = remote.headers.get("Content-Type", "application/octet-stream")
    except Exception as exc:
        return {"error": str(exc)}, 502
    return Response(content, mimetype=ctype)
