import base64

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc/last", methods=["GET"])
def calc_last():
    param = request.cookies.get("last_expr", "1")
    encoded = base64.b64encode(param.encode("utf-8"))
    bar = base64.b64decode(encoded).decode("utf-8")
    number = int(bar)
    value = eval(str(number) + " * 2")
    return jsonify({"result": str(value)})
