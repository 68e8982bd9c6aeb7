import re
from urllib.parse import urlparse

import requests

from .cache import store_preview
from .celery_app import app

TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@app.task(bind=True, max_retries=3)
def fetch_link_preview(self, message_id, url):
    if urlparse(url).scheme not in ("http", "https"):
        return None
    try:
        resp = requests.get(url, timeout=5, headers={"User-Agent": "ChatPreviewBot/1.2"})
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=10)
    match = TITLE_RE.search(resp.text[:65536])
    preview = {
        "url": url,
        "status": resp.status_code,
        "title": match.group(1).strip() if match else None,
        "snippet": resp.text[:280],
    }
    store_preview(message_id, preview)
    return preview
