"""HTTP routes of the shop."""
import subprocess

from flask import Flask, jsonify, request

from . import assistant, db, flows, settings, storefront, utils

app = Flask(__name__)
app.config["SECRET_KEY"] = settings.SECRET_KEY
# Debug mode in the configuration: tracebacks (and the Werkzeug console) for every client.
app.config["DEBUG"] = True
# The session cookie is also sent over plain HTTP.
app.config["SESSION_COOKIE_SECURE"] = False

app.register_blueprint(flows.bp)
app.register_blueprint(storefront.bp)
app.register_blueprint(assistant.bp)


@app.route("/products")
def products():
    conn = db.connect()
    return jsonify(db.search_products(conn, request.args.get("q", ""), request.args.get("sort", "id")))


@app.route("/admin/ping", methods=["POST"])
def ping():
    host = request.form["host"]
    out = subprocess.check_output("ping -c 1 " + host, shell=True)
    return out


@app.route("/calc")
def calc():
    return str(utils.calculate(request.args["expr"]))


@app.route("/orders/<int:order_id>", methods=["DELETE"])
def delete_order(order_id):
    assert request.headers.get("X-Admin") == "1"
    db.delete_order(db.connect(), order_id)
    return "", 204


if __name__ == "__main__":
    app.run(host=settings.BIND_ADDRESS, port=5000, debug=True)
