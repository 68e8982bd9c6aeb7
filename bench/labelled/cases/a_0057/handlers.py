from aiohttp import web

from repo import MemberRepository


async def find_members(request):
    team = request.match_info["team"]
    name = request.query.get("name", "")
    repo = MemberRepository(request.app["db"])
    members = await repo.search(team, name)
    return web.json_response({"team": team, "members": members})


def setup_routes(app):
    app.router.add_get("/teams/{team}/members", find_members)
