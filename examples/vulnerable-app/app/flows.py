"""Account, file and integration routes of the shop (deliberately vulnerable: krait's data-flow demo)."""
import base64
import hashlib
import logging
import os
import pickle
import random
import sqlite3
import string
import subprocess
import tempfile
import traceback
import zipfile

import jwt
import requests
from flask import Blueprint, jsonify, make_response, redirect, render_template_string, request, send_file, session
from sqlalchemy import text

from . import settings

bp = Blueprint("flows", __name__)
log = logging.getLogger(__name__)

UPLOAD_DIR = "/srv/shop/uploads"
SHELL_OPTS = {"shell": True, "check": False}


def _db():
    return sqlite3.connect(settings.DATABASE_PATH)


def run_report(name):
    # The command line is built by the caller; the shell runs it as given.
    return subprocess.check_output("generate-report --name " + name, shell=True)


@bp.route("/customers")
def customers():
    city = request.args.get("city", "")
    query = "SELECT id, name FROM customers WHERE city = '%s'" % city
    rows = _db().execute(query).fetchall()
    return jsonify(rows)


@bp.route("/reports/<name>")
def report(name):
    return run_report(name)


@bp.route("/archive", methods=["POST"])
def archive():
    folder = request.form["folder"]
    subprocess.run(f"tar czf /tmp/backup.tgz {folder}", **SHELL_OPTS)
    return "", 204


@bp.route("/invoices")
def invoice():
    path = os.path.join(UPLOAD_DIR, request.args["file"])
    return send_file(path)


@bp.route("/preview")
def preview():
    url = request.args["url"]
    page = requests.get(url, timeout=10)
    return page.text


@bp.route("/greeting")
def greeting():
    name = request.args.get("name", "guest")
    return render_template_string("<h1>Welcome back, " + name + "!</h1>")


@bp.route("/search")
def search():
    term = request.args.get("q", "")
    return make_response(f"<p>No results for <b>{term}</b></p>")


@bp.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    log.info("login attempt user=%s password=%s", username, password)
    digest = hashlib.sha256(password.encode()).hexdigest()
    row = _db().execute(text(f"SELECT id FROM users WHERE name = '{username}' AND pw = '{digest}'")).first()
    session["role"] = request.form.get("role", "customer")
    token = jwt.encode({"sub": row[0]}, settings.SECRET_KEY, algorithm="HS256")
    resp = redirect(request.args.get("next", "/"))
    resp.set_cookie("auth_token", token)
    return resp


@bp.route("/me")
def me():
    token = request.cookies.get("auth_token", "")
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except Exception:
        pass
    return jsonify(claims)


@bp.route("/password-reset", methods=["POST"])
def password_reset():
    reset_code = "".join(random.choice(string.digits) for _ in range(6))
    requests.post("http://mailer.internal/send", json={"to": request.form["email"], "token": reset_code}, timeout=5)
    return "", 202


@bp.route("/import", methods=["POST"])
def import_catalog():
    upload = request.files["catalog"]
    staging = os.path.join(tempfile.gettempdir(), "catalog.zip")
    upload.save(staging)
    with zipfile.ZipFile(staging) as zf:
        for name in zf.namelist():
            with open(os.path.join(UPLOAD_DIR, name), "wb") as out:
                out.write(zf.read(name))
    return "", 201


@bp.route("/ops/run")
def ops_run():
    try:
        return jsonify(result=eval(request.args["expr"]))
    except Exception:
        return jsonify(error=traceback.format_exc()), 500


@bp.route("/cart/restore")
def restore_cart():
    state = request.cookies.get("cart", "")
    cart = pickle.loads(base64.b64decode(state))
    return jsonify(cart)
