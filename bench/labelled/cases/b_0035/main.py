import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()


async def fetch_feed(feed_url: str) -> str:
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=True) as client:
        response = await client.get(feed_url)
        response.raise_for_status()
        return response.text


@app.get("/feeds/import")
async def import_feed(source: str):
    try:
        body = await fetch_feed(source)
    except httpx.HTTPError as exc:
        raise HTTPException(status_code=502, detail=str(exc))
    return {"bytes": len(body), "is_rss": "<rss" in body[:500]}
