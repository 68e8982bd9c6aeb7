import { describe, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR120 jwt signature not verified', () =>
    testRule('KR120', {
      valid: ['import jwt\nclaims = jwt.decode(token, KEY, algorithms=["HS256"])', 'import jwt\njwt.decode(t, K, algorithms=["RS256"], options={"verify_exp": True})'],
      invalid: [
        { code: 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})', lines: [2], severity: 'high' },
        { code: 'import jwt\nclaims = jwt.decode(token, KEY, verify=False)', lines: [2] },
        { code: 'from jose import jwt\nclaims = jwt.decode(token, KEY,\n    algorithms=["HS256", "none"])', lines: [3] },
      ],
    }));

  it('KR121 jwt claims not verified / tokens without expiry', () =>
    testRule('KR121', {
      valid: [
        'import jwt\njwt.encode({"sub": uid, "exp": exp}, KEY, algorithm="HS256")',
        'import jwt\njwt.encode(payload, KEY, algorithm="HS256")',
        'import jwt\njwt.decode(token, options={"verify_signature": False, "verify_exp": False})',
      ],
      invalid: [
        { code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False, "verify_aud": False})', lines: [2] },
        { code: 'import jwt\npayload = {"sub": user.id, "role": "admin"}\ntoken = jwt.encode(payload, KEY, algorithm="HS256")', lines: [3], confidence: 'medium' },
      ],
    }));

  it('KR122 password hashed with a fast hash', () =>
    testRule('KR122', {
      valid: [
        'import hashlib\nh = hashlib.sha256(data).hexdigest()',
        'import hashlib\nh = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)',
        'import hashlib\nh = hashlib.md5(password_reset_url.encode())',
      ],
      invalid: [
        { code: 'import hashlib\nuser.pw_hash = hashlib.sha256(salt + password.encode()).hexdigest()', lines: [2] },
        { code: 'import hashlib as h\ndigest = h.md5(form.new_password.data.encode("utf-8")).hexdigest()', lines: [2] },
        { code: 'import hashlib\nm = hashlib.sha1()\nm.update(passwd)', lines: [3] },
      ],
    }));

  it('KR123 hardcoded keys, IVs and salts', () =>
    testRule('KR123', {
      valid: [
        'from Crypto.Cipher import AES\nimport os\ncipher = AES.new(key, AES.MODE_CBC, os.urandom(16))',
        'import hashlib, os\nhashlib.pbkdf2_hmac("sha256", pw, os.urandom(16), 600000)',
      ],
      invalid: [
        { code: 'from Crypto.Cipher import AES\ncipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, b"\\x00" * 16)', lines: [2, 2] },
        { code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nIV = b"fixedfixedfixed!"\nc = Cipher(algorithms.AES(key), modes.CBC(IV))', lines: [3], severity: 'medium' },
        { code: 'import hashlib\nSALT = b"pepper"\nhashlib.pbkdf2_hmac("sha256", pw, SALT, 100000)', lines: [3] },
        { code: 'import hmac\nsig = hmac.new(b"s3cr3t", msg, "sha256").hexdigest()', lines: [2], severity: 'high' },
      ],
    }));

  it('KR124 random for secrets', () =>
    testRule('KR124', {
      valid: ['import random\nx = random.randint(1, 6)', 'import random\nrandom.shuffle(cards)', 'import secrets\ntoken = secrets.token_hex(16)', 'import random\nitems.sort(key=random.random())'],
      invalid: [
        { code: 'import random, string\nreset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))', lines: [2] },
        { code: 'import random\ndef make_otp():\n    return str(random.randint(100000, 999999))', lines: [3] },
        { code: 'import random\nuser = User(api_key=random.getrandbits(128))', lines: [2] },
      ],
    }));

  it('KR125 predictable names in the temp directory', () =>
    testRule('KR125', {
      valid: ['import tempfile, os, uuid\np = os.path.join(tempfile.gettempdir(), f"x-{uuid.uuid4()}")', 'import tempfile\nd = tempfile.gettempdir()'],
      invalid: [
        { code: 'import tempfile, os\npath = os.path.join(tempfile.gettempdir(), "export.csv")', lines: [2] },
        { code: 'import tempfile\nopen(tempfile.gettempdir() + "/app.lock", "w")', lines: [2] },
        { code: 'from pathlib import Path\nimport tempfile\np = Path(tempfile.gettempdir()) / "cache.db"', lines: [3] },
      ],
    }));

  it('KR126 zip slip in member loops', () =>
    testRule('KR126', {
      valid: [
        'import zipfile\nzf.extractall(dest)',
        'import os\nbase = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if os.path.commonpath([base, target]) != base:\n        raise ValueError(name)\n    open(target, "wb").write(zf.read(name))',
      ],
      invalid: [
        { code: 'import os\nfor name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))', lines: [3] },
        { code: 'for member in tar.getmembers():\n    path = dest / member.name\n    path.write_bytes(tar.extractfile(member).read())', lines: [2] },
      ],
    }));

  it('KR127 credentials over http', () =>
    testRule('KR127', {
      valid: [
        'import requests\nrequests.get("https://api.example.com/x", headers={"Authorization": tok}, timeout=5)',
        'import requests\nrequests.get("http://localhost:8080/x", auth=(u, p), timeout=5)',
        'import requests\nrequests.get("http://example.com/page", timeout=5)',
      ],
      invalid: [
        { code: 'import requests\nrequests.get("http://api.example.com/v1/orders", headers={"Authorization": f"Bearer {token}"}, timeout=10)', lines: [2] },
        { code: 'import requests\nrequests.post("http://api.example.com/login", json={"username": u, "password": p}, timeout=10)', lines: [2] },
        { code: 'import requests\nrequests.get(f"http://api.example.com/data?api_key={KEY}", timeout=10)', lines: [2] },
        { code: 'import httpx\nhttpx.get("http://internal/x",\n    auth=("svc", pw))', lines: [2] },
      ],
    }));

  it('KR128 TLS verification disabled', () =>
    testRule('KR128', {
      valid: ['import ssl\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_REQUIRED', 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=ctx)'],
      invalid: [
        { code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE', lines: [3, 4] },
        { code: 'import urllib3\nhttp = urllib3.PoolManager(cert_reqs="CERT_NONE")', lines: [2] },
        { code: 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=False)', lines: [2] },
      ],
    }));

  it('KR129 ORM raw SQL built from strings', () =>
    testRule('KR129', {
      valid: [
        'from sqlalchemy import text\ndb.execute(text("SELECT * FROM u WHERE id = :id"), {"id": uid})',
        'User.objects.raw("SELECT * FROM u WHERE name = %s", [name])',
        'from sqlalchemy import text\nQ = "SELECT 1"\ndb.execute(text(Q))',
      ],
      invalid: [
        { code: 'from sqlalchemy import text\ndb.session.execute(text(f"SELECT * FROM users WHERE email = \'{email}\'"))', lines: [2] },
        { code: 'User.objects.raw("SELECT * FROM app_user WHERE name = \'%s\'" % name)', lines: [1] },
        { code: 'q = "SELECT * FROM t WHERE a = " + a\nfrom django.db.models.expressions import RawSQL\nqs.annotate(x=RawSQL(q, []))', lines: [3] },
        { code: 'Entry.objects.extra(where=["headline = \'%s\'" % h])', lines: [1] },
      ],
    }));

  it('KR130 shell=True through **kwargs', () =>
    testRule('KR130', {
      valid: ['import subprocess\nopts = {"check": True}\nsubprocess.run(["ls"], **opts)', 'import subprocess\nsubprocess.run(cmd, **{"shell": False})'],
      invalid: [
        { code: 'import subprocess\nopts = {"shell": True, "check": True}\nsubprocess.run(f"tar czf {n}.tgz {p}", **opts)', lines: [3] },
        { code: 'import subprocess as sp\nsp.Popen(cmd, **dict(shell=True))', lines: [2] },
      ],
    }));

  it('KR131 lxml parser with entity resolution or network', () =>
    testRule('KR131', {
      valid: ['from lxml import etree\np = etree.XMLParser(resolve_entities=False, no_network=True)'],
      invalid: [{ code: 'from lxml import etree\np = etree.XMLParser(resolve_entities=True, no_network=False)', lines: [2] }],
    }));

  it('KR132 insecure cookies', () =>
    testRule('KR132', {
      valid: [
        'resp.set_cookie("session", sid, secure=True, httponly=True, samesite="Lax")',
        'from fastapi import FastAPI\nresp.set_cookie("session", sid, secure=True, httponly=True)',
        'resp.set_cookie(**opts)',
        'jar.set_cookie(cookie)',
        'response.set_signed_cookie("uid", "42", secure=True, httponly=True, samesite="Strict")',
      ],
      invalid: [
        { code: 'resp.set_cookie("session_token", token)', lines: [1], severity: 'medium' },
        { code: 'resp.set_cookie("theme", "dark", secure=True, httponly=True)', lines: [1], severity: 'low' },
        { code: 'resp.set_cookie("sid", v, secure=True, httponly=True, samesite=None)', lines: [1] },
        { code: 'response.set_signed_cookie("uid", "42", httponly=True)', lines: [1], severity: 'medium' },
      ],
    }));

  it('KR133 secrets in logs', () =>
    testRule('KR133', {
      valid: [
        'import logging\nlogging.info("login for %s", username)',
        'logger.info("password changed for %s", user.email)',
        'logger.debug("token length %d", len(token))',
        'print(password)',
        'import token\nself.logger.debug("%s %r", token.tok_name[t], value)',
      ],
      invalid: [
        { code: 'import logging\nlogging.info("login %s / %s", username, password)', lines: [2] },
        { code: 'logger.debug(f"auth header: {request.headers[\'Authorization\']} token={user.api_key}")', lines: [1] },
        { code: 'self.log.warning("bad token %s", access_token)', lines: [1] },
      ],
    }));

  it('KR134 broad except swallowing auth failures', () =>
    testRule('KR134', {
      valid: [
        'try:\n    claims = jwt.decode(t, K, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    abort(401)',
        'try:\n    load_config()\nexcept Exception:\n    pass',
        'try:\n    raise AClass()\nexcept:\n    pass',
        'def verify_user(u):\n    try:\n        check(u)\n    except Exception:\n        return False',
      ],
      invalid: [
        { code: 'try:\n    claims = jwt.decode(t, K, algorithms=["HS256"])\n    g.user = claims["sub"]\nexcept Exception:\n    pass', lines: [4], severity: 'medium' },
        { code: 'def has_permission(user, obj):\n    try:\n        return acl.check(user, obj)\n    except:\n        return True', lines: [4], severity: 'high' },
      ],
    }));
});
