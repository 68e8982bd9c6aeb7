import os

import ldap
from flask import Flask, jsonify, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)
LDAP_URI = "ldaps://ldap.corp.example.com"
BASE_DN = "ou=people,dc=corp,dc=example,dc=com"


def _connect():
    conn = ldap.initialize(LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    return conn


def _first(attrs, key):
    values = attrs.get(key) or [b""]
    return values[0].decode("utf-8", errors="replace")


@app.route("/directory/lookup")
def lookup_user():
    username = escape_filter_chars(request.args.get("username", ""))
    search_filter = f"(&(objectClass=inetOrgPerson)(uid={username}))"
    conn = _connect()
    try:
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail", "telephoneNumber"])
    finally:
        conn.unbind_s()
    people = [{"dn": dn, "name": _first(a, "cn"), "mail": _first(a, "mail")} for dn, a in results]
    return jsonify(people)
