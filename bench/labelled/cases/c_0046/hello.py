from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE_HEAD = "<!doctype html><html><head><title>{{ title }}</title></head><body>"
PAGE_FOOT = "</body></html>"


@app.route("/hello")
def hello():
    name = request.args.get("name")
    if not name:
        name = "guest"
    body = "<h1>Hello {{ name }}!</h1><p>Thanks for visiting {{ title }}.</p>"
    return render_template_string(PAGE_HEAD + body + PAGE_FOOT, title="Acme", name=name)
