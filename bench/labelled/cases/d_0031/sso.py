from flask import Blueprint, redirect, request, session, url_for

from .oauth import oauth_client
from .repository import UserRepository

bp = Blueprint("sso", __name__, url_prefix="/sso")
users = UserRepository()


def _is_local_path(target):
    return bool(target) and target.startswith("/")


@bp.get("/login")
def start_login():
    session["post_login_next"] = request.args.get("next", "")
    return oauth_client.authorize_redirect(url_for("sso.callback", _external=True))


@bp.get("/callback")
def callback():
    token = oauth_client.authorize_access_token()
    profile = token.get("userinfo") or {}
    user = users.upsert_from_profile(profile)
    session["user_id"] = user.id
    target = session.pop("post_login_next", "")
    if _is_local_path(target):
        return redirect(target)
    return redirect(url_for("dashboard.index"))
