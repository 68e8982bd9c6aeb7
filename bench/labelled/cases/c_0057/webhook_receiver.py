import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("webhooks")


class WebhookHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length).decode("utf-8", "replace")
        event_type = self.headers.get("X-Event-Type", "unknown")
        log.info(f"webhook received type={event_type} body={payload}")
        try:
            json.loads(payload)
            status = 202
        except ValueError:
            status = 400
        self.send_response(status)
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8099), WebhookHandler).serve_forever()
