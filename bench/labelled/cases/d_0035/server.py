from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from i18n import DEFAULT_LOCALE, GREETINGS, pick_translation


class LocaleHandler(BaseHTTPRequestHandler):
    server_version = "kiosk/0.4"

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query)
        locale = query.get("lang", [DEFAULT_LOCALE])[0]
        if locale not in GREETINGS:
            locale = DEFAULT_LOCALE
        body = pick_translation(locale).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Set-Cookie", f"locale={locale}; Path=/; SameSite=Lax")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(port=8080):
    ThreadingHTTPServer(("0.0.0.0", port), LocaleHandler).serve_forever()


if __name__ == "__main__":
    serve()
