import base64
import pickle

from fastapi import FastAPI, Header

app = FastAPI()


@app.post("/session/restore")
def restore_session(x_session_blob: str = Header(default="")):
    store = {}
    store["default"] = base64.b64encode(pickle.dumps({"user": "anonymous"})).decode("ascii")
    store["client"] = x_session_blob
    blob = store["client"]
    session = pickle.loads(base64.b64decode(blob))
    return {"user": str(session.get("user", "anonymous"))}
