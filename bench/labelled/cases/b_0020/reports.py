import os

from flask import Flask, abort, request

app = Flask(__name__)

REPORT_DIR = os.path.join(os.path.dirname(__file__), "reports")


@app.route("/reports/view")
def view_report():
    report_name = request.args.get("file")
    if not report_name:
        abort(400)
    full_path = os.path.join(REPORT_DIR, os.path.basename(report_name))
    if not os.path.exists(full_path):
        abort(404)
    with open(full_path, "r", encoding="utf-8") as fh:
        content = fh.read()
    return content, 200, {"Content-Type": "text/plain; charset=utf-8"}
