import base64
import json

import yaml


def _body(event):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    return body


def lambda_handler(event, context):
    try:
        manifest = yaml.safe_load(_body(event))
    except yaml.YAMLError as exc:
        return {"statusCode": 400, "body": json.dumps({"error": str(exc)})}
    services = manifest.get("services", {}) if isinstance(manifest, dict) else {}
    summary = {name: (spec or {}).get("image") for name, spec in services.items()}
    return {"statusCode": 200, "body": json.dumps({"services": summary})}
