import random

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}
_rng = random.Random()


@app.post("/login")
def login(response: Response, username: str = "guest"):
    session_id = "%032x" % _rng.getrandbits(128)
    SESSIONS[session_id] = username
    response.set_cookie("sid", session_id, httponly=True, secure=True)
    return {"ok": True}
