from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class CampaignHandler(BaseHTTPRequestHandler):
    def campaign_from_query(self):
        query = parse_qs(urlparse(self.path).query)
        values = query.get("utm_campaign", ["direct"])
        return values[0]

    def do_GET(self):
        campaign = self.campaign_from_query()
        self.send_response(204)
        self.send_header("Set-Cookie", "campaign=" + campaign + "; Path=/; Max-Age=86400")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8081), CampaignHandler).serve_forever()
