import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/diag/ping", methods=["GET"])
def diag_ping():
    param = request.args.get("target", "")
    bar = "localhost" if (7 * 18) + 106 < 200 else param
    cmd = "ping -c 1 " + bar
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return proc.stdout, 200, {"Content-Type": "text/plain"}
