import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INVENTORY = [
    {"sku": "A-100", "qty": 12, "price": 3.5},
    {"sku": "B-220", "qty": 0, "price": 11.0},
    {"sku": "C-310", "qty": 4, "price": 7.25},
]


class InventoryHandler(BaseHTTPRequestHandler):
    def _filter(self, items):
        condition = self.headers.get("X-Filter", "True")
        selected = []
        for item in items:
            scope = {"item": item, "keep": False}
            try:
                exec("keep = " + condition, scope)
            except Exception:
                continue
            if scope["keep"]:
                selected.append(item)
        return selected

    def do_GET(self):
        body = json.dumps(self._filter(INVENTORY)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer(("", 8000), InventoryHandler).serve_forever()
