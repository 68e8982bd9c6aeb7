from flask import Blueprint, jsonify, request

from .metrics import DerivedMetric
from .repository import ReportRepository

bp = Blueprint("reports", __name__, url_prefix="/reports")
repo = ReportRepository()


@bp.route("/<int:report_id>/preview", methods=["POST"])
def preview(report_id):
    spec = request.get_json(force=True) or {}
    metric = DerivedMetric(spec.get("name", "custom"), spec.get("formula", "0"))
    rows = repo.rows_for(report_id, limit=50)
    return jsonify([dict(row, **{metric.name: metric.compute(row)}) for row in rows])
