import asyncpg
from aiohttp import web


async def init_pool(app):
    app["pool"] = await asyncpg.create_pool(dsn="postgresql://svc@localhost/accounts")
    yield
    await app["pool"].close()


async def lookup_account(request):
    data = await request.post()
    email = data.get("email", "").strip().lower()
    if not email:
        raise web.HTTPBadRequest(text="email required")
    async with request.app["pool"].acquire() as conn:
        rows = await conn.fetch(
            "SELECT id, display_name, created_at FROM accounts WHERE lower(email) = $1", email
        )
    return web.json_response([{"id": r["id"], "name": r["display_name"]} for r in rows])


app = web.Application()
app.cleanup_ctx.append(init_pool)
app.router.add_post("/accounts/lookup", lookup_account)
