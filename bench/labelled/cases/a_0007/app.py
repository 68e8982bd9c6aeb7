import os
import html

from flask import Flask, request, render_template_string

app = Flask(__name__)

PAGE = "<h1>Whois for {{ domain }}</h1><pre>{{ output }}</pre>"


def clean(value):
    return html.escape(value.strip(), quote=True)


@app.route("/tools/whois", methods=["POST"])
def whois():
    domain = clean(request.form.get("domain", ""))
    if not domain:
        return "domain required", 400
    stream = os.popen("whois " + domain)
    output = stream.read()
    stream.close()
    return render_template_string(PAGE, domain=domain, output=output)
