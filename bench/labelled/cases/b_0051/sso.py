from typing import Optional

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

FALLBACK = "https://app.example.com/"


@app.get("/sso/complete")
async def sso_complete(continue_url: Optional[str] = None, ticket: Optional[str] = None):
    if ticket is None:
        return RedirectResponse(url="/sso/start")
    destination = continue_url if continue_url else FALLBACK
    return RedirectResponse(url=destination, status_code=302)
