from flask import Flask, make_response, render_template, request

app = Flask(__name__)

SUPPORTED = ["en", "de", "fr"]


@app.route("/help")
def help_page():
    lang = request.args.get("lang") or request.accept_languages.best_match(SUPPORTED) or "en"
    template = "help_%s.html" % (lang if lang in SUPPORTED else "en")
    response = make_response(render_template(template))
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept-Language"
    return response
