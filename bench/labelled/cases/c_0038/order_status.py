from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
ORDERS = etree.parse("/srv/fulfilment/orders.xml")


@app.route("/orders/status")
def order_status():
    raw_id = request.args.get("id", "")
    try:
        order_id = int(raw_id)
    except ValueError:
        abort(400)
    nodes = ORDERS.xpath(f"/orders/order[@id={order_id}]/status/text()")
    if not nodes:
        abort(404)
    return jsonify(id=order_id, status=str(nodes[0]))
