from flask import Blueprint, jsonify, render_template_string, request
from flask_login import current_user, login_required

from .repository import TemplateRepository

bp = Blueprint("notification_admin", __name__, url_prefix="/admin/notifications")
templates = TemplateRepository()

PREVIEW_LAYOUT = """
<div class="notification-preview">
  <h2>[{{ workspace }}] {{ event }}</h2>
  <div class="body">{{ body }}</div>
  <footer>Sent to {{ customer }}</footer>
</div>
"""

SAMPLE_CONTEXT = {"workspace": "Acme", "event": "Invoice paid", "customer": "Jane Doe"}


@bp.post("/preview")
@login_required
def preview():
    body_text = request.form.get("body", "")
    html = render_template_string(PREVIEW_LAYOUT, body=body_text, **SAMPLE_CONTEXT)
    return jsonify(html=html)


@bp.post("/save")
@login_required
def save():
    templates.save(current_user.workspace_id, request.form.get("body", ""))
    return jsonify(status="saved")
