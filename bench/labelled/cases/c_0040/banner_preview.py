from datetime import date

from flask import Flask, render_template_string, request
from flask_login import login_required

app = Flask(__name__)
SITE_NAME = "Acme Portal"
BANNER_PAGE = """
<section class="banner-preview">
  <h2>{{ site_name }} &middot; {{ year }}</h2>
  <p>{{ banner }}</p>
</section>
"""


@app.route("/admin/banner/preview", methods=["POST"])
@login_required
def preview_banner():
    banner_text = request.form.get("banner", "Welcome!")
    return render_template_string(
        BANNER_PAGE,
        banner=banner_text,
        site_name=SITE_NAME,
        year=date.today().year,
    )
