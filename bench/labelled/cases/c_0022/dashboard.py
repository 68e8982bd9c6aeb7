import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_LAYOUT = """<?xml version="1.0"?>
<layout>
  <panel id="summary" width="6"/>
  <panel id="activity" width="6"/>
  <panel id="alerts" width="12"/>
</layout>
"""


def default_panels():
    root = ET.fromstring(DEFAULT_LAYOUT)
    return [{"id": p.get("id"), "width": int(p.get("width"))} for p in root.iter("panel")]


@app.route("/dashboard/layout")
def layout():
    panels = default_panels()
    only = request.args.get("panel")
    if only:
        panels = [p for p in panels if p["id"] == only]
    return jsonify(panels=panels)
