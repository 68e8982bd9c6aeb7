"""JSON API for the mobile app (FastAPI, deliberately insecure)."""
import secrets

from fastapi import FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel

from . import db

# Debug mode answers errors with tracebacks in production.
api = FastAPI(title="shop mobile API", debug=True)

# Any origin, with cookies: every website can call the API as the logged-in user and read the answers.
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])

# The mobile app's client id, shipped in the source (and in every copy of the app).
MOBILE_CLIENT_ID = "0lQDkJwGy1qnEM3iSVbODEBlZuDD7Rbf"


class Credentials(BaseModel):
    username: str
    password: str
    client_id: str


@api.post("/api/token")
def token(creds: Credentials):
    # Neither failed nor successful sign-ins are logged: credential stuffing goes unnoticed.
    if creds.client_id != MOBILE_CLIENT_ID:
        raise HTTPException(status_code=401, detail="unknown client")
    user = db.find_user(db.connect(), creds.username)
    if user is None or not db.check_password(user, creds.password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"access_token": secrets.token_urlsafe(32), "token_type": "bearer"}
