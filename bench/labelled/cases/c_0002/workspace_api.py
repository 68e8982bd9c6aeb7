import hashlib
import hmac
import os
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)
SNAPSHOT_KEY = os.environ["SNAPSHOT_SIGNING_KEY"].encode()
WORKSPACES = {}


def _sign(blob):
    return hmac.new(SNAPSHOT_KEY, blob, hashlib.sha256).hexdigest()


@app.route("/workspaces/<int:user_id>/export")
def export_workspace(user_id):
    state = WORKSPACES.get(user_id, {"name": "untitled", "widgets": []})
    blob = pickle.dumps(state)
    return jsonify(blob=blob.hex(), sig=_sign(blob))


@app.route("/workspaces/<int:user_id>/import", methods=["POST"])
def import_workspace(user_id):
    payload = request.get_json(force=True) or {}
    try:
        blob = bytes.fromhex(payload["blob"])
    except (KeyError, ValueError, TypeError):
        return jsonify(error="bad blob"), 400
    if not hmac.compare_digest(_sign(blob), str(payload.get("sig", ""))):
        return jsonify(error="signature mismatch"), 403
    state = pickle.loads(blob)
    WORKSPACES[user_id] = state
    return jsonify(imported=state.get("name"))
