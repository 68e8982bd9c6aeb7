from flask import Flask, request, jsonify

app = Flask(__name__)

HISTORY = []


@app.route("/calc")
def calc():
    expression = request.args.get("expr", "0")
    try:
        value = eval(expression)
    except Exception as exc:
        return jsonify({"error": str(exc)}), 400
    HISTORY.append((expression, value))
    return jsonify({"expr": expression, "result": value})


@app.route("/calc/history")
def history():
    return jsonify([{"expr": e, "result": r} for e, r in HISTORY[-20:]])
