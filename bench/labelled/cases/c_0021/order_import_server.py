import xml.sax
from http.server import BaseHTTPRequestHandler, HTTPServer
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges


def _entity_aware_parser():
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    return parser


class OrderImportHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        skus = []
        events = pulldom.parseString(body, parser=_entity_aware_parser())
        for event, node in events:
            if event == pulldom.START_ELEMENT and node.tagName == "sku":
                events.expandNode(node)
                skus.append(node.firstChild.data if node.firstChild else "")
        reply = ("imported: " + ", ".join(skus)).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", 8088), OrderImportHandler).serve_forever()
