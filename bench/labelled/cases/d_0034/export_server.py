from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from exporter import render_csv
from naming import clean_report_name


class ExportHandler(BaseHTTPRequestHandler):
    def _param(self, query, key, default=""):
        return query.get(key, [default])[0]

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path != "/export.csv":
            self.send_error(404)
            return
        query = parse_qs(parts.query)
        report_name = clean_report_name(self._param(query, "name"))
        body = render_csv(self._param(query, "month")).encode("utf-8")
        disposition = f'attachment; filename="{report_name}.csv"'
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Disposition", disposition)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", 8081), ExportHandler).serve_forever()
