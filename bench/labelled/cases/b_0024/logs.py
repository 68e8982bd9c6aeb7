import os

from flask import Flask, Response, abort, request

app = Flask(__name__)

LOG_ROOT = os.path.realpath("/var/log/myservice")


@app.route("/admin/logs")
def read_log():
    requested = request.args.get("name", "service.log")
    log_path = os.path.realpath(os.path.join(LOG_ROOT, requested))
    if not log_path.startswith(LOG_ROOT + os.sep):
        abort(403)
    try:
        with open(log_path) as handle:
            lines = handle.readlines()[-200:]
    except FileNotFoundError:
        return Response("no such log", status=404)
    return Response("".join(lines), mimetype="text/plain")
