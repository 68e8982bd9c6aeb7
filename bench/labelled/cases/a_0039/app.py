import pymysql
from bottle import Bottle, request, response

app = Bottle()


def connect():
    return pymysql.connect(host="db", user="reports", password="reports", database="crm",
                           cursorclass=pymysql.cursors.DictCursor)


@app.get("/contacts")
def contacts():
    raw_ids = request.query.get("ids", "")
    clause = ""
    for i, cid in enumerate(raw_ids.split(",")):
        if i:
            clause += " OR "
        clause += "id = " + cid.strip()
    sql = "SELECT id, name, email FROM contacts"
    if clause:
        sql += " WHERE " + clause
    conn = connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            rows = cur.fetchall()
    finally:
        conn.close()
    response.content_type = "application/json"
    return {"contacts": rows}
