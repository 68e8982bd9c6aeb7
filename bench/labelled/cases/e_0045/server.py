from aiohttp import ClientSession, web


async def fetch_avatar(request):
    data = await request.post()
    param = data.get("avatar_url", "")
    settings = {"fallback": "https://cdn.example.com/avatars/default.png", "user": param}
    bar = settings["user"]
    async with ClientSession() as session:
        async with session.get(bar) as resp:
            body = await resp.read()
    return web.Response(body=body, content_type="image/png")


app = web.Application()
app.router.add_post("/avatar/fetch", fetch_avatar)
