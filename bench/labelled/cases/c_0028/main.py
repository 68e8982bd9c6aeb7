import os

from fastapi import FastAPI, Query
from ldap3 import Connection

from directory import SERVER, find_group_members

app = FastAPI()


@app.get("/groups/members")
def list_members(group: str = Query(..., min_length=1, max_length=64)):
    conn = Connection(
        SERVER,
        user=os.environ["LDAP_USER"],
        password=os.environ["LDAP_PASSWORD"],
        auto_bind=True,
    )
    try:
        members = find_group_members(conn, group)
    finally:
        conn.unbind()
    return {"group": group, "members": members}
