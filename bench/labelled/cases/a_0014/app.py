import asyncio

from aiohttp import web

routes = web.RouteTableDef()


async def run_argv(*argv):
    proc = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await proc.communicate()
    return proc.returncode, out.decode(), err.decode()


@routes.get("/packages/{pkg}")
async def package_info(request):
    pkg = request.match_info["pkg"]
    verbose = request.query.get("verbose") == "1"
    argv = ["pip", "show"] + (["-v"] if verbose else []) + ["--", pkg]
    rc, out, err = await run_argv(*argv)
    if rc != 0:
        return web.json_response({"error": err}, status=404)
    return web.json_response({"info": out})


app = web.Application()
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app)
