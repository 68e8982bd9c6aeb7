from urllib.parse import urlparse

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

TRUSTED_APPS = {"app.example.com", "admin.example.com", "docs.example.com"}
FALLBACK = "https://app.example.com/"


def pick_destination(continue_url: str) -> str:
    parts = urlparse(continue_url)
    if parts.scheme != "https":
        return FALLBACK
    if parts.netloc not in TRUSTED_APPS:
        return FALLBACK
    return continue_url


@app.get("/sso/complete")
async def sso_complete(continue_url: str = FALLBACK):
    destination = pick_destination(continue_url)
    return RedirectResponse(url=destination, status_code=302)
