import os

import ldap
from fastapi import FastAPI, HTTPException
from ldap.filter import escape_filter_chars

app = FastAPI()
BASE = "ou=staff,dc=example,dc=net"


def get_conn():
    conn = ldap.initialize("ldap://directory.example.net")
    conn.protocol_version = ldap.VERSION3
    conn.simple_bind_s("cn=reader,dc=example,dc=net", os.environ["LDAP_READER_PW"])
    return conn


@app.get("/staff/search")
def search_staff(email: str, location: str = "HQ"):
    location_value = escape_filter_chars(location)
    flt = "(&(objectClass=person)(mail=" + email + ")(l=" + location_value + "))"
    conn = get_conn()
    try:
        msgid = conn.search(BASE, ldap.SCOPE_SUBTREE, flt, ["cn", "mail", "l"])
        _, rdata = conn.result(msgid)
    finally:
        conn.unbind_s()
    if not rdata:
        raise HTTPException(status_code=404, detail="no match")
    return [{"dn": dn, "cn": attrs["cn"][0].decode()} for dn, attrs in rdata]
