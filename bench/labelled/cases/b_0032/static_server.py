import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import unquote, urlsplit

WEB_ROOT = os.path.realpath("/srv/www")


class StaticHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        rel = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
        target = os.path.realpath(os.path.join(WEB_ROOT, rel))
        if os.path.commonpath([WEB_ROOT, target]) != WEB_ROOT:
            self.send_error(403, "Forbidden")
            return
        if not os.path.isfile(target):
            self.send_error(404, "Not Found")
            return
        with open(target, "rb") as fh:
            data = fh.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", 8000), StaticHandler).serve_forever()
