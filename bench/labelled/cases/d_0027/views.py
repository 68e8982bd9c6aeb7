from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from .importer import AvatarImporter
from .repository import AvatarRepository

bp = Blueprint("avatars", __name__, url_prefix="/account/avatar")
avatars = AvatarRepository()


@bp.post("/import")
@login_required
def import_avatar():
    payload = request.get_json(silent=True) or {}
    importer = AvatarImporter(payload.get("url", ""))
    if not importer.is_trusted():
        abort(400, description="avatars must come from the image CDN")
    image = importer.download()
    avatars.save(current_user.id, image)
    return jsonify(status="imported", size=len(image))
