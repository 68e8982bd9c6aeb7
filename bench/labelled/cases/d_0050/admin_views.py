from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .notifications import NotificationRenderer
from .repository import TemplateRepository

bp = Blueprint("notification_admin", __name__, url_prefix="/admin/notifications")
templates = TemplateRepository()

SAMPLE_CONTEXT = {"workspace": "Acme", "event": "Invoice paid", "amount": "129.00", "customer": "Jane Doe"}


@bp.post("/preview")
@login_required
def preview():
    renderer = NotificationRenderer(request.form.get("body", ""))
    return jsonify(
        subject=renderer.render_subject(SAMPLE_CONTEXT),
        body=renderer.render_body(SAMPLE_CONTEXT),
    )


@bp.post("/save")
@login_required
def save():
    templates.save(current_user.workspace_id, request.form.get("body", ""))
    return jsonify(status="saved")
