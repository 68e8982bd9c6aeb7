import os
import logging

from flask import Flask, request, jsonify

app = Flask(__name__)
log = logging.getLogger("netcheck")


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    count = 3
    log.info("ping requested for %s", host)
    rc = os.system(f"ping -c {count} -W 2 {host} > /dev/null 2>&1")
    return jsonify({"host": host, "reachable": rc == 0})


if __name__ == "__main__":
    app.run(port=8080)
