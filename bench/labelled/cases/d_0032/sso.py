from flask import Blueprint, redirect, request, session, url_for

from .oauth import oauth_client
from .repository import UserRepository

bp = Blueprint("sso", __name__, url_prefix="/sso")
users = UserRepository()

LANDING_PAGES = {
    "billing": "billing.overview",
    "reports": "reports.index",
    "settings": "account.settings",
}


@bp.get("/login")
def start_login():
    session["post_login_section"] = request.args.get("section", "")
    return oauth_client.authorize_redirect(url_for("sso.callback", _external=True))


@bp.get("/callback")
def callback():
    token = oauth_client.authorize_access_token()
    profile = token.get("userinfo") or {}
    user = users.upsert_from_profile(profile)
    session["user_id"] = user.id
    section = session.pop("post_login_section", "")
    target = url_for(LANDING_PAGES.get(section, "dashboard.index"))
    if user.needs_onboarding:
        target = url_for("onboarding.start")
    return redirect(target)
