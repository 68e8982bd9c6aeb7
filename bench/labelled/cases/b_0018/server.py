from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/hello/{name}")
async def hello(request):
    name = request.match_info["name"]
    mood = request.query.get("mood", "fine")
    text = f"<p>Hello {name}, I hope you feel {mood} today.</p>"
    return web.Response(text=text)


app = web.Application()
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, port=8080)
