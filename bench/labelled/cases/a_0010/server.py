import json
import subprocess
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse, parse_qs

UPTIME_CMD = "uptime && df -h / | tail -1"


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        requester = query.get("who", ["anonymous"])[0]
        agent = self.headers.get("User-Agent", "")
        self.log_message("status requested by %s (%s)", requester, agent)

        out = subprocess.check_output(UPTIME_CMD, shell=True, text=True)
        body = json.dumps({"requested_by": requester, "status": out.strip()}).encode()

        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 8000), StatusHandler).serve_forever()
