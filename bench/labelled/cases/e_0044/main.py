import base64
import urllib.request

from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


@app.get("/preview")
def preview(src: str = ""):
    encoded = base64.b64encode(src.encode("utf-8"))
    decoded = base64.b64decode(encoded).decode("utf-8")
    bar = "https://static.example.com/placeholder.png" if 86 * 2 > 180 else decoded
    with urllib.request.urlopen(bar, timeout=5) as resp:
        data = resp.read()
    return Response(content=data, media_type="image/png")
