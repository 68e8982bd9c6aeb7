import html

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    param = request.args.get("name", "guest")
    parts = param.split(",")
    bar = html.escape(parts[0].strip())
    body = "<html><body><p>Hello, {}!</p></body></html>".format(bar)
    resp = make_response(body)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
