import pymysql
from bottle import Bottle, request, response, abort

app = Bottle()


def connect():
    return pymysql.connect(host="db", user="reports", password="reports", database="crm",
                           cursorclass=pymysql.cursors.DictCursor)


@app.get("/contacts")
def contacts():
    raw_ids = request.query.get("ids", "")
    try:
        ids = [int(part) for part in raw_ids.split(",") if part.strip()]
    except ValueError:
        abort(400, "ids must be integers")
    sql = "SELECT id, name, email FROM contacts"
    if ids:
        placeholders = ", ".join(["%s"] * len(ids))
        sql += " WHERE id IN (" + placeholders + ")"
    conn = connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, ids)
            rows = cur.fetchall()
    finally:
        conn.close()
    response.content_type = "application/json"
    return {"contacts": rows}
