import json
import os

from pymongo import MongoClient

client = MongoClient(os.environ.get("MONGO_URI", "mongodb://localhost:27017"))
metrics = client["analytics"]["page_views"]


def lambda_handler(event, context):
    body = json.loads(event.get("body") or "{}")
    match = body.get("match", {})
    group_field = "$path"
    pipeline = [
        {"$match": match},
        {"$group": {"_id": group_field, "views": {"$sum": 1}}},
        {"$sort": {"views": -1}},
        {"$limit": 20},
    ]
    results = list(metrics.aggregate(pipeline))
    return {"statusCode": 200, "body": json.dumps(results, default=str)}
