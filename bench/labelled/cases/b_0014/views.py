from flask import Flask, request

from formatting import greeting_banner, wrap_page

app = Flask(__name__)


@app.route("/dashboard")
def dashboard():
    display_name = request.cookies.get("display_name", "friend")
    locale = request.args.get("lang", "en")
    banner = greeting_banner(display_name, locale)
    content = banner + "<p>You have no new notifications.</p>"
    return wrap_page(content)
