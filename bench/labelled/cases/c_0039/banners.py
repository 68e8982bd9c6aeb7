from datetime import date

from flask import Flask, render_template_string, request
from flask_login import login_required

app = Flask(__name__)
SITE_NAME = "Acme Portal"
BANNER_WRAPPER = "<section class='banner-preview'>{}</section>"


@app.route("/admin/banner/preview", methods=["POST"])
@login_required
def preview_banner():
    banner_markup = request.form.get("banner", "Welcome to {{ site_name }}!")
    rendered = render_template_string(
        banner_markup,
        site_name=SITE_NAME,
        year=date.today().year,
    )
    return BANNER_WRAPPER.format(rendered)
