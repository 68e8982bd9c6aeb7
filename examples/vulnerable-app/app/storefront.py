"""Checkout, wallet, exports and staff directory routes (deliberately vulnerable)."""
import logging

import ldap
from flask import Blueprint, jsonify, make_response, request
from lxml import etree
from shop_events import publish

from . import db

bp = Blueprint("storefront", __name__)
log = logging.getLogger(__name__)

EXPORT_DIR = "/srv/shop/exports"
CATALOGUE = etree.parse("/srv/shop/catalogue.xml")


class Wallet:
    def __init__(self, owner: str, balance: int) -> None:
        self.owner = owner
        self.balance = balance


WALLETS = {}


@bp.route("/exports/download")
def download_export():
    name = request.args["name"]
    # The name goes into the path unchecked: ?name=../../../etc/passwd
    with open(f"{EXPORT_DIR}/{name}", "rb") as fh:
        data = fh.read()
    resp = make_response(data)
    # The header value is the request's: CR/LF in it splits the response.
    resp.headers["Content-Disposition"] = "attachment; filename=" + request.args["name"]
    return resp


@bp.route("/staff/lookup")
def staff_lookup():
    user = request.args["user"]
    conn = ldap.initialize("ldap://ldap.shop.internal")
    # "*)(uid=*" lists the whole directory: the filter is built from the request.
    results = conn.search_s("ou=staff,dc=shop,dc=internal", ldap.SCOPE_SUBTREE, f"(uid={user})")
    return jsonify([dn for dn, _ in results])


@bp.route("/catalogue/find")
def catalogue_find():
    sku = request.args["sku"]
    # "' or '1'='1" returns every product, hidden ones included.
    nodes = CATALOGUE.xpath(f"//product[@sku='{sku}' and @hidden='false']")
    return jsonify([n.findtext("title") for n in nodes])


@bp.route("/wallet/pay", methods=["POST"])
def wallet_pay():
    # The bearer token is written to the log, where everyone with log access can reuse it.
    log.info("wallet payment, auth=%s", request.headers.get("Authorization"))
    wallet = WALLETS[request.form["owner"]]
    amount = int(request.form["amount"])
    # Check, then decrement without a lock: two parallel payments both pass the check.
    if wallet.balance >= amount:
        wallet.balance -= amount
        publish("wallet.paid", owner=wallet.owner, amount=amount)
        return jsonify(balance=wallet.balance)
    return jsonify(error="insufficient funds"), 402


@bp.route("/orders/import", methods=["POST"])
def import_orders():
    try:
        count = db.import_csv(request.get_json()["rows"])
    except Exception as e:
        # The exception text (SQL, paths, host names) goes to the client.
        return jsonify(error=str(e)), 400
    return jsonify(imported=count)


def shipping_quote(order: dict) -> float:
    """Grew one branch per carrier complaint; nobody can review every path any more."""
    cost = 4.9
    if order["country"] == "DE":
        cost = 3.9
    elif order["country"] in ("AT", "CH"):
        cost = 7.5
    elif order["country"] == "US":
        cost = 19.0
    if order["weight"] > 30 and order["country"] != "US":
        cost += 12.0
    elif order["weight"] > 10:
        cost += 5.0
    if order.get("express") and not order.get("pickup"):
        cost *= 2
    for item in order["items"]:
        if item.get("fragile"):
            cost += 2.5
        if item.get("oversize") or item.get("pallet"):
            cost += 15.0
    if order.get("voucher") == "FREESHIP" and order["total"] > 50:
        cost = 0.0
    return round(cost, 2)
