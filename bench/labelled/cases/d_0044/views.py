from flask import Blueprint, current_app, jsonify, request
from flask_login import login_required

from .directory import DirectoryService

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.get("/search")
@login_required
def search_people():
    fragment = request.args.get("q", "").strip()
    if len(fragment) < 2:
        return jsonify(results=[])
    service = DirectoryService(current_app.config)
    return jsonify(results=service.find_people(fragment))
