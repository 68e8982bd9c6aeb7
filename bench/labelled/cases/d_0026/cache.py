import json
import os

import redis

_client = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/1"))


def store_preview(message_id, preview):
    _client.setex(f"preview:{message_id}", 86400, json.dumps(preview))


def load_preview(message_id):
    raw = _client.get(f"preview:{message_id}")
    return json.loads(raw) if raw else None
