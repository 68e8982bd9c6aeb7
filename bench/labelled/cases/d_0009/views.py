from flask import Blueprint, abort, jsonify, request

from .repository import OrderRepository

bp = Blueprint("orders", __name__)

ALLOWED_DIRECTIONS = {"asc", "desc"}


@bp.get("/orders")
def list_orders():
    status = request.args.get("status", "open")
    sort = request.args.get("sort", "created_at")
    direction = request.args.get("dir", "desc").lower()
    if direction not in ALLOWED_DIRECTIONS:
        abort(400, description="dir must be asc or desc")

    repo = OrderRepository.from_app()
    rows = repo.search(status=status, order_by=sort, direction=direction)
    return jsonify(orders=rows, count=len(rows))
