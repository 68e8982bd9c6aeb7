from flask import Flask, make_response, request

from locales import normalize_currency

app = Flask(__name__)

PRICES_EUR = {"mug": 9.5, "shirt": 19.0}


@app.route("/prices")
def prices():
    currency = normalize_currency(request.cookies.get("currency"))
    body = {"currency": currency, "prices": PRICES_EUR}
    resp = make_response(body)
    resp.headers["X-Currency"] = currency
    return resp
