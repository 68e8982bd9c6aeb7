import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


class InvoiceHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.lines = []
        self._current = None
        self._text = []

    def startElement(self, name, attrs):
        if name == "line":
            self._current = {"sku": attrs.get("sku")}
        self._text = []

    def characters(self, content):
        self._text.append(content)

    def endElement(self, name):
        if name == "amount" and self._current is not None:
            self._current["amount"] = "".join(self._text).strip()
        elif name == "line" and self._current is not None:
            self.lines.append(self._current)
            self._current = None


@app.route("/invoices/upload", methods=["POST"])
def upload_invoice():
    upload = request.files["invoice"]
    handler = InvoiceHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(upload.stream)
    return jsonify(lines=handler.lines)
