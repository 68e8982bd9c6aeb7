import os

from aiohttp import web


async def handle_lookup(request):
    param = request.query.get("domain", "example.com")
    values = ["safe", param, "moresafe"]
    values.pop(0)
    bar = values[1]
    stream = os.popen("nslookup " + bar)
    output = stream.read()
    stream.close()
    return web.Response(text=output)


app = web.Application()
app.router.add_get("/dns/lookup", handle_lookup)

if __name__ == "__main__":
    web.run_app(app, port=8080)
