import os

import ldap
from flask import Flask, jsonify, request, session
from ldap.filter import filter_format

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

LDAP_URI = "ldaps://idm.example.com"
BASE_DN = "cn=users,cn=accounts,dc=example,dc=com"
SERVICE_DN = "uid=svc-web,cn=sysaccounts,dc=example,dc=com"


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not username or not password:
        return jsonify(error="username and password required"), 400
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(SERVICE_DN, os.environ["LDAP_SERVICE_PW"])
    query = filter_format("(&(objectClass=posixAccount)(uid=%s))", [username])
    result = conn.search_s(BASE_DN, ldap.SCOPE_ONELEVEL, query, ["uid"])
    if len(result) != 1:
        return jsonify(error="invalid credentials"), 401
    user_dn = result[0][0]
    try:
        conn.simple_bind_s(user_dn, password)
    except ldap.INVALID_CREDENTIALS:
        return jsonify(error="invalid credentials"), 401
    finally:
        conn.unbind_s()
    session["user"] = username
    return jsonify(ok=True)
