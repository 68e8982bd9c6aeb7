import dill
from aiohttp import web

routes = web.RouteTableDef()
SCORERS = {}


@routes.post("/scorers/{name}")
async def register_scorer(request):
    name = request.match_info["name"]
    payload = await request.read()
    if len(payload) > 1_000_000:
        raise web.HTTPRequestEntityTooLarge(max_size=1_000_000, actual_size=len(payload))
    scorer = dill.loads(payload)
    if not callable(scorer):
        raise web.HTTPBadRequest(text="scorer must be callable")
    SCORERS[name] = scorer
    return web.json_response({"registered": name})


@routes.get("/scorers/{name}/score")
async def run_scorer(request):
    scorer = SCORERS.get(request.match_info["name"])
    if scorer is None:
        raise web.HTTPNotFound()
    value = float(request.query.get("x", "0"))
    return web.json_response({"score": scorer(value)})


app = web.Application()
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, port=8081)
