from flask import Blueprint, abort, jsonify, request

from .metrics import DerivedMetric
from .repository import ReportRepository

bp = Blueprint("reports", __name__, url_prefix="/reports")
repo = ReportRepository()

PRESET_FORMULAS = {
    "margin": "(revenue - cost) / revenue if revenue else 0",
    "conversion": "orders / visits if visits else 0",
    "aov": "revenue / orders if orders else 0",
}


@bp.route("/<int:report_id>/preview", methods=["POST"])
def preview(report_id):
    spec = request.get_json(force=True) or {}
    metric_key = spec.get("metric", "margin")
    formula = PRESET_FORMULAS.get(metric_key)
    if formula is None:
        abort(400)
    metric = DerivedMetric(metric_key, formula)
    rows = repo.rows_for(report_id, limit=50)
    return jsonify([dict(row, **{metric.name: metric.compute(row)}) for row in rows])
