import random
import time

from aiohttp import web

from accounts import authenticate

SESSIONS = {}
SESSION_TTL = 8 * 3600


def new_session_id():
    return "%032x" % random.getrandbits(128)


async def login(request):
    form = await request.post()
    user = await authenticate(form.get("username", ""), form.get("password", ""))
    if user is None:
        raise web.HTTPUnauthorized(text="invalid credentials")
    sid = new_session_id()
    SESSIONS[sid] = {"user_id": user.id, "expires": time.time() + SESSION_TTL}
    resp = web.json_response({"ok": True})
    resp.set_cookie("sid", sid, httponly=True, secure=True, samesite="Lax", max_age=SESSION_TTL)
    return resp


async def whoami(request):
    session = SESSIONS.get(request.cookies.get("sid", ""))
    if session is None or session["expires"] < time.time():
        raise web.HTTPUnauthorized()
    return web.json_response({"user_id": session["user_id"]})


app = web.Application()
app.add_routes([web.post("/login", login), web.get("/me", whoami)])
