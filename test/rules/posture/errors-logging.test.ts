/**
 * Posture rules on error handling, logging and races (KR320–KR326): each flags its vulnerable
 * snippet at the right line and stays quiet on the safe twin.
 */
import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

const FLASK = 'import logging\nfrom flask import Flask, request, jsonify\napp = Flask(__name__)\nlog = logging.getLogger(__name__)\n';

describe('KR320 exception-details-in-response', () => {
  it('flags a response built from the caught exception', () =>
    testRule('KR320', {
      valid: [
        FLASK + '@app.route("/import", methods=["POST"])\ndef imp():\n    try:\n        load(request.files["f"])\n    except ValueError:\n        log.exception("import failed")\n        return jsonify(error="could not import the file"), 400',
        FLASK + 'def f():\n    try:\n        load()\n    except ValueError as exc:\n        log.warning("bad input: %s", exc)\n        return jsonify(error="bad input"), 400',
        'from fastapi import HTTPException\ndef f():\n    try:\n        load()\n    except KeyError as exc:\n        raise HTTPException(status_code=404) from exc',
      ],
      invalid: [
        { code: FLASK + 'def f():\n    try:\n        load()\n    except Exception as exc:\n        return jsonify(error=str(exc)), 400', errors: [{ line: 9, column: 9, message: 'The text of the caught exception (exc) is sent to the client.' }] },
        { code: 'from fastapi import HTTPException\ndef f():\n    try:\n        load()\n    except KeyError as exc:\n        raise HTTPException(status_code=404, detail=f"missing: {exc}")', lines: [6] },
        { code: 'def f():\n    try:\n        load()\n    except OSError as e:\n        return {"error": repr(e)}', lines: [5] },
      ],
    }));
});

describe('KR321 broad-except-swallows-error', () => {
  it('flags a broad except that neither logs, re-raises nor inspects the error', () =>
    testRule('KR321', {
      valid: [
        'def f():\n    try:\n        return load()\n    except Exception:\n        log.exception("load failed")\n        return []',
        'def f():\n    try:\n        return load()\n    except Exception as e:\n        raise RuntimeError("load failed") from e',
        'def f():\n    try:\n        return load()\n    except Exception:\n        cleanup()\n        raise',
        'def f():\n    try:\n        return load()\n    except KeyError:\n        return []  # a specific exception, expected',
        'def f():\n    try:\n        return load()\n    except Exception:\n        pass  # B110 territory',
      ],
      invalid: [
        { code: 'def f():\n    try:\n        return load()\n    except Exception:\n        return []', errors: [{ line: 4, column: 5, message: 'A broad except (Exception) hides the failure: it neither logs, re-raises nor inspects the error.' }] },
        { code: 'def f():\n    try:\n        return load()\n    except:\n        result = None\n    return result', lines: [4] },
        { code: 'def f():\n    try:\n        return load()\n    except (ValueError, BaseException):\n        return None', lines: [4] },
      ],
    }));
});

describe('KR322 sensitive-data-in-log', () => {
  it('flags log calls that write session ids, Authorization headers or cookies', () =>
    testRule('KR322', {
      valid: [
        FLASK + '@app.route("/x")\ndef x():\n    log.info("request from user %s", request.args.get("user_id"))\n    return ""',
        FLASK + 'def f(user):\n    log.info("login ok for %s", user.id)',
        FLASK + 'def f():\n    cache.set(request.headers.get("Authorization"), 1)  # not a log call',
      ],
      invalid: [
        { code: FLASK + '@app.route("/x")\ndef x():\n    log.info("auth header: %s", request.headers.get("Authorization"))\n    return ""', errors: [{ line: 7, column: 5, message: 'A log call writes sensitive data (request.headers.get(\'Authorization\')).' }] },
        { code: FLASK + 'def f():\n    logging.warning("cookies: %s", request.cookies)', lines: [6] },
        { code: FLASK + 'def f(session_id):\n    log.debug("session %s", session_id)', lines: [6] },
      ],
    }));
});

describe('KR323 auth-event-not-logged', () => {
  it('flags login routes that log no sign-in attempt', () =>
    testRule('KR323', {
      valid: [
        FLASK + '@app.route("/login", methods=["POST"])\ndef login():\n    if not check(request.form["email"], request.form["password"]):\n        log.warning("failed login for %s from %s", request.form["email"], request.remote_addr)\n        return "invalid", 401\n    return "ok"',
        FLASK + '@app.route("/orders", methods=["POST"])\ndef orders():\n    return "ok"  # not a login route',
        FLASK + 'def login():\n    return "ok"  # not a route',
      ],
      invalid: [
        { code: FLASK + '@app.route("/login", methods=["POST"])\ndef login():\n    if not check(request.form["email"], request.form["password"]):\n        return "invalid", 401\n    return "ok"', errors: [{ line: 6, column: 1, message: 'Login route /login logs neither failed nor successful sign-ins.' }] },
        { code: 'from fastapi import FastAPI\napp = FastAPI()\n@app.post("/auth/token")\nasync def issue_token(form: dict):\n    return {"access_token": make_token(form)}', lines: [4] },
      ],
    }));
});

describe('KR325 check-then-use-file', () => {
  it('flags a path that is checked, then opened or changed', () =>
    testRule('KR325', {
      valid: [
        'def f(path):\n    try:\n        with open(path) as fh:\n            return fh.read()\n    except FileNotFoundError:\n        return ""',
        'import os\ndef f(path, other):\n    if os.path.exists(path):\n        return open(other).read()  # another path',
        'import os\ndef f(path):\n    if os.path.exists(path):\n        log(path)',
      ],
      invalid: [
        { code: 'import os\ndef f(path):\n    if os.path.exists(path):\n        with open(path) as fh:\n            return fh.read()', errors: [{ line: 4, column: 14, message: 'path is checked, then used: the file can change in between (check-then-use race).' }] },
        { code: 'import os\ndef f(path):\n    if os.access(path, os.W_OK):\n        os.remove(path)', lines: [4] },
        { code: 'from pathlib import Path\ndef f(p: Path):\n    if p.exists():\n        p.unlink()', lines: [4] },
      ],
    }));
});

describe('KR326 read-modify-write-without-lock', () => {
  it('flags a checked balance changed with no lock or transaction', () =>
    testRule('KR326', {
      valid: [
        'def withdraw(account, amount):\n    with db.session.begin():\n        if account.balance >= amount:\n            account.balance -= amount',
        'from django.db import transaction\n@transaction.atomic\ndef withdraw(account, amount):\n    if account.balance >= amount:\n        account.balance -= amount\n        account.save()',
        'import threading\nlock = threading.Lock()\ndef take(item, n):\n    with lock:\n        if item.stock >= n:\n            item.stock -= n',
        'def withdraw(account, amount):\n    account.balance -= amount  # no check before it',
      ],
      invalid: [
        { code: 'def withdraw(account, amount):\n    if account.balance >= amount:\n        account.balance -= amount\n        db.session.commit()', errors: [{ line: 3, column: 9, message: 'account.balance is checked and then changed without a transaction or lock: concurrent requests can both pass the check.' }] },
        { code: 'def take(item, n):\n    if item.stock > 0:\n        item.stock = item.stock - n', lines: [3] },
      ],
    }));
});
