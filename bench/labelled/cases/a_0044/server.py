import json
import sqlite3
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

DB_PATH = "/var/data/events.db"


class EventsHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        params = parse_qs(urlparse(self.path).query)
        try:
            limit = int(params.get("limit", ["20"])[0])
            offset = int(params.get("offset", ["0"])[0])
        except ValueError:
            self.send_error(400, "limit/offset must be integers")
            return
        limit = max(1, min(limit, 500))
        conn = sqlite3.connect(DB_PATH)
        cur = conn.execute(
            f"SELECT id, kind, ts FROM events ORDER BY ts DESC LIMIT {limit} OFFSET {offset}"
        )
        rows = [{"id": r[0], "kind": r[1], "ts": r[2]} for r in cur.fetchall()]
        conn.close()
        body = json.dumps(rows).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("", 8001), EventsHandler).serve_forever()
