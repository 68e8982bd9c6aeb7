import logging
import os

from flask import Flask, request, send_file

app = Flask(__name__)
logger = logging.getLogger(__name__)

EXPORT_DIR = "/data/exports"


@app.route("/exports/download")
def download_export():
    export_name = request.args.get("name", "")
    if ".." in export_name or export_name.startswith("/"):
        logger.warning("suspicious export name requested: %r", export_name)
    path = os.path.join(EXPORT_DIR, export_name)
    if not os.path.isfile(path):
        return {"error": "not found"}, 404
    return send_file(path, mimetype="text/csv", as_attachment=True)
