from typing import Optional

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

CATEGORIES = ["books", "music", "games"]


@app.get("/catalog", response_class=HTMLResponse)
async def catalog(category: Optional[str] = None, sort: str = "name"):
    parts = ["<html><body>", "<h1>Catalog</h1>"]
    if category:
        parts.append("<h2>Category: " + category + "</h2>")
    parts.append("<p>Sorted by " + sort + "</p>")
    parts.append("<ul>")
    for c in CATEGORIES:
        parts.append(f'<li><a href="/catalog?category={c}">{c}</a></li>')
    parts.append("</ul></body></html>")
    return HTMLResponse(content="".join(parts))
