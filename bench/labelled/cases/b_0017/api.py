from flask import Flask, jsonify, request

app = Flask(__name__)

USERS = {"alice": {"role": "admin"}, "bob": {"role": "viewer"}}


@app.route("/api/users/lookup")
def lookup_user():
    username = request.args.get("username", "")
    record = USERS.get(username)
    if record is None:
        payload = {"error": "<b>unknown user</b> " + username, "found": False}
        return jsonify(payload), 404
    payload = {"username": username, "role": record["role"], "found": True}
    return jsonify(payload)
