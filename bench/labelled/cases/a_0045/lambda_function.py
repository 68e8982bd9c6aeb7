import json
import os

import pymysql

CONN = None


def connection():
    global CONN
    if CONN is None:
        CONN = pymysql.connect(host=os.environ["DB_HOST"], user=os.environ["DB_USER"],
                               password=os.environ["DB_PASS"], database="profiles")
    return CONN


def lambda_handler(event, context):
    user_id = (event.get("pathParameters") or {}).get("user_id", "")
    query = "SELECT id, username, bio FROM users WHERE id = '{}'".format(user_id)
    try:
        with connection().cursor() as cur:
            cur.execute(query)
            row = cur.fetchone()
    except pymysql.MySQLError as exc:
        return {"statusCode": 500, "body": json.dumps({"error": str(exc)})}
    if not row:
        return {"statusCode": 404, "body": "{}"}
    return {"statusCode": 200, "body": json.dumps({"id": row[0], "username": row[1], "bio": row[2]})}
