import json
import os

import pymysql

CONN = None


def connection():
    global CONN
    if CONN is None:
        CONN = pymysql.connect(host=os.environ["DB_HOST"], user=os.environ["DB_USER"],
                               password=os.environ["DB_PASS"], database="feedback", autocommit=True)
    return CONN


def lambda_handler(event, context):
    payload = json.loads(event.get("body") or "{}")
    rating = payload.get("rating")
    comment = payload.get("comment", "")
    tags = json.dumps(payload.get("tags", []))
    sql = "INSERT INTO feedback (rating, comment, tags) VALUES (%s, %s, %s)"
    with connection().cursor() as cur:
        cur.execute(sql, (rating, comment, tags))
        new_id = cur.lastrowid
    return {"statusCode": 201, "body": json.dumps({"id": new_id})}
