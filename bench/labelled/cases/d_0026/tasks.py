from .cache import store_preview
from .celery_app import app

import requests

OEMBED_PROVIDERS = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
    "soundcloud": "https://soundcloud.com/oembed",
}


@app.task(bind=True, max_retries=3)
def fetch_link_preview(self, message_id, provider, url):
    endpoint = OEMBED_PROVIDERS.get(provider)
    if endpoint is None:
        return None
    try:
        resp = requests.get(endpoint, params={"url": url, "format": "json"}, timeout=5)
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=10)
    if resp.status_code != 200:
        return None
    data = resp.json()
    preview = {
        "url": url,
        "provider": provider,
        "title": data.get("title"),
        "thumbnail": data.get("thumbnail_url"),
    }
    store_preview(message_id, preview)
    return preview
