import aiohttp
from aiohttp import web


async def check_node(request):
    node = request.match_info["node"]
    port = request.query.get("port", "9100")
    status_url = f"http://{node}:{port}/status"
    async with aiohttp.ClientSession() as session:
        async with session.get(status_url, timeout=aiohttp.ClientTimeout(total=3)) as resp:
            body = await resp.text()
    return web.json_response({"node": node, "status": resp.status, "body": body[:1000]})


app = web.Application()
app.router.add_get("/cluster/{node}/health", check_node)

if __name__ == "__main__":
    web.run_app(app)
