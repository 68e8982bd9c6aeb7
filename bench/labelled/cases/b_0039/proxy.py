import requests
from flask import Flask, Response, request

app = Flask(__name__)

PARTNER_API_PREFIX = "https://api.partner-shop.com"


def is_partner_url(url):
    return url.startswith(PARTNER_API_PREFIX)


@app.route("/partner/proxy")
def partner_proxy():
    target = request.args.get("endpoint", "")
    if not is_partner_url(target):
        return Response("endpoint must point to the partner API", status=400)
    upstream = requests.get(target, timeout=5)
    return Response(upstream.content, status=upstream.status_code,
                    mimetype=upstream.headers.get("Content-Type", "application/json"))
