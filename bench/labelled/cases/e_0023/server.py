import sqlite3

from aiohttp import web

ALLOWED_STATUSES = {"open", "shipped", "closed"}


async def list_orders(request):
    status = request.cookies.get("order_filter", "open")
    status = status.strip().lower()
    if status not in ALLOWED_STATUSES:
        status = "open"
    query = " ".join(["SELECT id, customer FROM orders WHERE status =", "'" + status + "'"])
    conn = sqlite3.connect("/srv/app/orders.db")
    try:
        cur = conn.cursor()
        cur.execute(query)
        rows = cur.fetchall()
    finally:
        conn.close()
    return web.json_response([{"id": r[0], "customer": r[1]} for r in rows])


app = web.Application()
app.router.add_get("/orders", list_orders)
