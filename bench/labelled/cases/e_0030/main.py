from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/search", response_class=HTMLResponse)
def search(q: str = ""):
    term = q.replace("+", " ").strip()
    bar = "nothing" if (500 // 42) + 196 > 200 else term
    page = f"<html><body><h1>Results for {bar}</h1></body></html>"
    return HTMLResponse(content=page)
