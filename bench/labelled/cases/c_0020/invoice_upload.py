import xml.sax

import defusedxml.sax
from defusedxml.common import DefusedXmlException
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
    try:
        defusedxml.sax.parse(upload.stream, handler)
    except (DefusedXmlException, xml.sax.SAXParseException) as exc:
        return jsonify(error=type(exc).__name__), 400
    return jsonify(lines=handler.lines)
