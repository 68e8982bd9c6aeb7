import { describe, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR120 jwt signature not verified', () =>
    testRule('KR120', {
      valid: ['import jwt\nclaims = jwt.decode(token, KEY, algorithms=["HS256"])', 'import jwt\njwt.decode(t, K, algorithms=["RS256"], options={"verify_exp": True})'],
      invalid: [
        { code: 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})', errors: [{ line: 2, column: 57, message: 'jwt.decode with options={"verify_signature": False} accepts forged tokens: verify the signature.' }], severity: 'high' },
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
        { code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False, "verify_aud": False})', errors: [{ line: 2, column: 54, message: 'jwt.decode turns off verify_exp, verify_aud: expired or foreign tokens are accepted. Keep the claim checks on (pass audience=/issuer=).' }] },
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
        { code: 'import hashlib\nuser.pw_hash = hashlib.sha256(salt + password.encode()).hexdigest()', errors: [{ line: 2, column: 16, message: 'Password \'password\' hashed with sha256, a fast hash: use argon2, bcrypt, scrypt or PBKDF2 (hashlib.pbkdf2_hmac with a high iteration count).' }] },
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
        { code: 'from Crypto.Cipher import AES\ncipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, b"\\x00" * 16)', errors: [{ line: 2, column: 18, message: 'Hardcoded key passed to Crypto.Cipher.AES.new: load keys from a secret store or the environment.' }, { line: 2, column: 53, message: 'Hardcoded IV/nonce passed to Crypto.Cipher.AES.new: generate a fresh random IV/nonce (os.urandom/secrets.token_bytes) for every message and store it alongside.' }] },
        { code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nIV = b"fixedfixedfixed!"\nc = Cipher(algorithms.AES(key), modes.CBC(IV))', lines: [3], severity: 'medium' },
        { code: 'import hashlib\nSALT = b"pepper"\nhashlib.pbkdf2_hmac("sha256", pw, SALT, 100000)', lines: [3] },
        { code: 'import hmac\nsig = hmac.new(b"s3cr3t", msg, "sha256").hexdigest()', lines: [2], severity: 'high' },
      ],
    }));

  it('KR124 random for secrets', () =>
    testRule('KR124', {
      valid: ['import random\nx = random.randint(1, 6)', 'import random\nrandom.shuffle(cards)', 'import secrets\ntoken = secrets.token_hex(16)', 'import random\nitems.sort(key=random.random())'],
      invalid: [
        { code: 'import random, string\nreset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))', errors: [{ line: 2, column: 23, message: 'random.choice() produces \'reset_token\', a secret: random is predictable. Use secrets (token_urlsafe, token_hex, choice) or random.SystemRandom.' }] },
        { code: 'import random\ndef make_otp():\n    return str(random.randint(100000, 999999))', lines: [3] },
        { code: 'import random\nuser = User(api_key=random.getrandbits(128))', lines: [2] },
      ],
    }));

  it('KR125 predictable names in the temp directory', () =>
    testRule('KR125', {
      valid: ['import tempfile, os, uuid\np = os.path.join(tempfile.gettempdir(), f"x-{uuid.uuid4()}")', 'import tempfile\nd = tempfile.gettempdir()'],
      invalid: [
        { code: 'import tempfile, os\npath = os.path.join(tempfile.gettempdir(), "export.csv")', errors: [{ line: 2, column: 8, message: 'A fixed file name in the shared temporary directory can be pre-created or symlinked by another user: use tempfile.NamedTemporaryFile/mkstemp/mkdtemp.' }] },
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
        { code: 'import os\nfor name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))', errors: [{ line: 3, column: 15, message: 'Output path built from an archive member name without a containment check (zip slip): resolve it and check it stays inside the destination, or use extractall() with filter="data".' }] },
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
        { code: 'import requests\nrequests.get("http://api.example.com/v1/orders", headers={"Authorization": f"Bearer {token}"}, timeout=10)', errors: [{ line: 2, column: 14, message: 'Credentials (the Authorization header) sent over plain http://: use https:// so they cannot be read on the way.' }] },
        { code: 'import requests\nrequests.post("http://api.example.com/login", json={"username": u, "password": p}, timeout=10)', lines: [2] },
        { code: 'import requests\nrequests.get(f"http://api.example.com/data?api_key={KEY}", timeout=10)', lines: [2] },
        { code: 'import httpx\nhttpx.get("http://internal/x",\n    auth=("svc", pw))', lines: [2] },
      ],
    }));

  it('KR128 TLS verification disabled', () =>
    testRule('KR128', {
      valid: ['import ssl\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_REQUIRED', 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=ctx)'],
      invalid: [
        { code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE', errors: [{ line: 3, column: 1, message: 'check_hostname = False: any valid certificate for any host is accepted. Keep host-name checking on.' }, { line: 4, column: 1, message: 'verify_mode = CERT_NONE: the peer certificate is not checked. Keep CERT_REQUIRED and load the right CA.' }] },
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
        { code: 'from sqlalchemy import text\ndb.session.execute(text(f"SELECT * FROM users WHERE email = \'{email}\'"))', errors: [{ line: 2, column: 20, message: 'sqlalchemy.text() with SQL built from strings: use bound parameters (text("... :name"), {"name": value}).' }] },
        { code: 'User.objects.raw("SELECT * FROM app_user WHERE name = \'%s\'" % name)', lines: [1] },
        { code: 'q = "SELECT * FROM t WHERE a = " + a\nfrom django.db.models.expressions import RawSQL\nqs.annotate(x=RawSQL(q, []))', lines: [3] },
        { code: 'Entry.objects.extra(where=["headline = \'%s\'" % h])', lines: [1] },
      ],
    }));

  it('KR130 shell=True through **kwargs', () =>
    testRule('KR130', {
      valid: ['import subprocess\nopts = {"check": True}\nsubprocess.run(["ls"], **opts)', 'import subprocess\nsubprocess.run(cmd, **{"shell": False})'],
      invalid: [
        { code: 'import subprocess\nopts = {"shell": True, "check": True}\nsubprocess.run(f"tar czf {n}.tgz {p}", **opts)', errors: [{ line: 3, column: 40, message: 'subprocess.run() gets shell=True through **kwargs: the command runs in a shell. Pass an argument list without shell.' }] },
        { code: 'import subprocess as sp\nsp.Popen(cmd, **dict(shell=True))', lines: [2] },
      ],
    }));

  it('KR131 lxml parser with entity resolution or network', () =>
    testRule('KR131', {
      valid: ['from lxml import etree\np = etree.XMLParser(resolve_entities=False, no_network=True)'],
      invalid: [{ code: 'from lxml import etree\np = etree.XMLParser(resolve_entities=True, no_network=False)', errors: [{ line: 2, column: 5, message: 'lxml parser with resolve_entities=True, no_network=False: untrusted XML can read files or reach the network (XXE). Use resolve_entities=False, no_network=True, or defusedxml.' }] }],
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
        { code: 'resp.set_cookie("session_token", token)', errors: [{ line: 1, column: 1, message: 'Cookie \'session_token\' set without secure=True, httponly=True, samesite="Lax".' }], severity: 'medium' },
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
        { code: 'import logging\nlogging.info("login %s / %s", username, password)', errors: [{ line: 2, column: 1, message: '\'password\' is written to the log: leave secrets out of log messages (or log a masked form).' }] },
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
        { code: 'try:\n    claims = jwt.decode(t, K, algorithms=["HS256"])\n    g.user = claims["sub"]\nexcept Exception:\n    pass', errors: [{ line: 4, column: 1, message: 'A broad except around jwt.decode() silently ignores the error: a failed check can fall through as success. Deny (raise/abort) and catch only the expected exception types.' }], severity: 'medium' },
        { code: 'def has_permission(user, obj):\n    try:\n        return acl.check(user, obj)\n    except:\n        return True', lines: [4], severity: 'high' },
      ],
    }));
});
