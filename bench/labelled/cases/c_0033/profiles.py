from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS_XML = "/srv/app/data/users.xml"
_tree = None


def users_tree():
    global _tree
    if _tree is None:
        _tree = etree.parse(USERS_XML)
    return _tree


@app.route("/api/users/profile")
def user_profile():
    name = request.args.get("name", "")
    matches = users_tree().xpath(f"//user[@name='{name}']")
    if not matches:
        abort(404)
    user = matches[0]
    return jsonify(
        name=user.get("name"),
        email=user.findtext("email"),
        role=user.findtext("role"),
    )
