import hashlib
import json
import logging
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("webhooks")
EVENT_TYPE = re.compile(r"[a-z][a-z0-9_.]{0,47}")


class WebhookHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        event_type = self.headers.get("X-Event-Type", "unknown")
        if not EVENT_TYPE.fullmatch(event_type):
            self.send_response(400)
            self.end_headers()
            return
        digest = hashlib.sha256(body).hexdigest()[:16]
        log.info("webhook received type=%s bytes=%d sha256=%s", event_type, len(body), digest)
        try:
            json.loads(body)
            status = 202
        except ValueError:
            status = 400
        self.send_response(status)
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8099), WebhookHandler).serve_forever()
