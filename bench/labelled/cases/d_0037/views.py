from flask import Blueprint, current_app, jsonify, make_response, request

from .codec import CartCodec
from .repository import ProductRepository

bp = Blueprint("cart", __name__, url_prefix="/cart")
products = ProductRepository()


def _codec():
    return CartCodec(current_app.config["SECRET_KEY"])


def _load_cart():
    token = request.cookies.get("cart")
    if not token:
        return {}
    try:
        return _codec().loads(token)
    except Exception:
        return {}


@bp.get("")
def show_cart():
    cart = _load_cart()
    items = products.describe(cart)
    return jsonify(items=items, total=sum(i["subtotal"] for i in items))


@bp.post("/add")
def add_item():
    cart = _load_cart()
    sku = str(request.form.get("sku", ""))
    qty = max(1, min(int(request.form.get("qty", 1)), 99))
    cart[sku] = cart.get(sku, 0) + qty
    resp = make_response(jsonify(status="ok", count=sum(cart.values())))
    resp.set_cookie("cart", _codec().dumps(cart), httponly=True, samesite="Lax", secure=True)
    return resp
