import io
import contextlib

from flask import Flask, request, jsonify

app = Flask(__name__)

DEBUG_CONSOLE = False


@app.route("/admin/console", methods=["POST"])
def console():
    code = request.form.get("code", "")
    if not DEBUG_CONSOLE:
        return jsonify({"error": "console disabled"}), 403
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(code, {})
    return jsonify({"stdout": buf.getvalue()})


@app.route("/admin/ping")
def ping():
    return jsonify({"ok": True, "console": DEBUG_CONSOLE})
