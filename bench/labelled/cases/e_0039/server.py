from pathlib import Path

from aiohttp import web

LOG_DIR = Path("/var/log/myapp")


async def read_log(request):
    param = request.query.get("name", "")
    candidates = []
    candidates.append("app.log")
    candidates.append(param)
    candidates.append("error.log")
    bar = candidates[0]
    content = (LOG_DIR / bar).read_text()
    return web.Response(text=content)


app = web.Application()
app.router.add_get("/logs", read_log)
