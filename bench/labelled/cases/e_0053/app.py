from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/import/xml", methods=["POST"])
def import_xml():
    data = request.get_data()
    parser = etree.XMLParser(resolve_entities=True, no_network=False, load_dtd=True)
    root = etree.fromstring(data, parser)
    names = [el.text for el in root.iter("name")]
    return jsonify({"names": names})
