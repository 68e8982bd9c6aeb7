from decimal import Decimal

from lxml import etree

INVOICE_NS = {"inv": "urn:example:invoice:1.0"}

_PARSER = etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True, remove_blank_text=True)


class InvoiceDocument:
    def __init__(self, raw_bytes):
        self.root = etree.fromstring(raw_bytes, parser=_PARSER)

    def _text(self, path, default=""):
        node = self.root.find(path, namespaces=INVOICE_NS)
        return node.text.strip() if node is not None and node.text else default

    def summary(self):
        lines = self.root.findall("inv:Lines/inv:Line", namespaces=INVOICE_NS)
        total = sum(Decimal(line.findtext("inv:Amount", "0", namespaces=INVOICE_NS)) for line in lines)
        return {
            "number": self._text("inv:Number"),
            "supplier": self._text("inv:Supplier/inv:Name"),
            "currency": self._text("inv:Currency", "EUR"),
            "lines": len(lines),
            "total": str(total),
        }
