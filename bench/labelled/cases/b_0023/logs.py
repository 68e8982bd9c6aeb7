import os

from flask import Flask, Response, request

app = Flask(__name__)

LOG_ROOT = "/var/log/myservice"


@app.route("/admin/logs")
def read_log():
    requested = request.args.get("name", "service.log")
    normalized = os.path.normpath(requested)
    log_path = os.path.join(LOG_ROOT, normalized)
    try:
        with open(log_path) as handle:
            lines = handle.readlines()[-200:]
    except FileNotFoundError:
        return Response("no such log", status=404)
    return Response("".join(lines), mimetype="text/plain")
