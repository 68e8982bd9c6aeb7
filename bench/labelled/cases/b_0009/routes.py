from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)

PRODUCTS = ["lamp", "desk", "chair", "shelf"]


@app.route("/products")
def products():
    query = request.args.get("filter", "").strip()
    matches = [p for p in PRODUCTS if query.lower() in p]
    if not matches:
        return render_template("empty.html", notice=Markup(f"Nothing matches <em>{query}</em>"))
    return render_template("products.html", items=matches)
