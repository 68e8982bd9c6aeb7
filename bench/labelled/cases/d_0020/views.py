from flask import Blueprint, make_response, request
from flask_login import login_required

from .cards import ProfileCard

bp = Blueprint("profile", __name__, url_prefix="/profile")


@bp.post("/preview")
@login_required
def preview():
    card = ProfileCard(
        display_name=request.form.get("display_name", ""),
        bio=request.form.get("bio", ""),
        website=request.form.get("website", ""),
    )
    resp = make_response(card.render())
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
