from flask import Blueprint, current_app, jsonify, request

from .permissions import PermissionsFile

bp = Blueprint("acl", __name__, url_prefix="/acl")


def _permissions():
    return PermissionsFile(current_app.config["ACL_FILE"])


@bp.get("/roles")
def roles():
    username = request.args.get("user", "")
    if not username:
        return jsonify(error="user is required"), 400
    return jsonify(user=username, roles=_permissions().roles_for(username))
