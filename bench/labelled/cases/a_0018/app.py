import ast

from flask import Flask, request, jsonify

app = Flask(__name__)

HISTORY = []


@app.route("/parse")
def parse_literal():
    raw = request.args.get("value", "None")
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError) as exc:
        return jsonify({"error": str(exc)}), 400
    HISTORY.append((raw, repr(value)))
    return jsonify({"input": raw, "type": type(value).__name__, "value": repr(value)})


@app.route("/parse/history")
def history():
    return jsonify([{"input": e, "value": r} for e, r in HISTORY[-20:]])
