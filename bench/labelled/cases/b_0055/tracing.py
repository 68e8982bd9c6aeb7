import re
import uuid

from flask import Flask, g, request

app = Flask(__name__)

REQUEST_ID_RE = re.compile(r"[A-Za-z0-9\-]{8,64}")


@app.before_request
def assign_request_id():
    incoming = request.headers.get("X-Request-ID", "")
    if REQUEST_ID_RE.fullmatch(incoming):
        g.request_id = incoming
    else:
        g.request_id = str(uuid.uuid4())


@app.after_request
def echo_request_id(response):
    response.headers["X-Request-ID"] = g.request_id
    return response


@app.route("/ping")
def ping():
    return {"ok": True}
