from datetime import datetime, timezone

from fastapi import FastAPI, HTTPException

from keys import fingerprint, generate_api_key

app = FastAPI()
KEY_STORE = {}
ACCOUNTS = {1001: "acme", 1002: "globex"}


@app.post("/accounts/{account_id}/keys", status_code=201)
def create_key(account_id: int):
    if account_id not in ACCOUNTS:
        raise HTTPException(status_code=404, detail="account not found")
    key = generate_api_key()
    KEY_STORE[fingerprint(key)] = {
        "account_id": account_id,
        "created": datetime.now(timezone.utc).isoformat(),
    }
    return {"api_key": key, "note": "Store this key now; it will not be shown again."}
