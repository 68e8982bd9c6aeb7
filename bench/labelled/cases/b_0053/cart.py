import logging

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "dev"
audit = logging.getLogger("audit")


@app.route("/cart/add", methods=["POST"])
def add_to_cart():
    item = request.form.get("sku", "")
    back = request.form.get("back") or request.referrer or "/"
    cart = session.setdefault("cart", [])
    if item:
        cart.append(item)
        session.modified = True
    audit.info("added %s, client wanted to return to %s", item, back)
    back = url_for("view_cart")
    return redirect(back)


@app.route("/cart")
def view_cart():
    return {"items": session.get("cart", [])}
