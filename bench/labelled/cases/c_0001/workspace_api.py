import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

WORKSPACES = {}


def _workspace_key(user_id, name):
    return f"{user_id}:{name}"


@app.route("/workspaces/<int:user_id>/import", methods=["POST"])
def import_workspace(user_id):
    upload = request.files.get("snapshot")
    if upload is None:
        return jsonify(error="missing snapshot"), 400
    raw = upload.read()
    try:
        state = pickle.loads(raw)
    except Exception:
        return jsonify(error="corrupt snapshot"), 422
    name = state.get("name", "untitled")
    WORKSPACES[_workspace_key(user_id, name)] = state
    return jsonify(imported=name, widgets=len(state.get("widgets", [])))
