/**
 * The project rules over a web project's routes and Python-wide signs (KR309 security
 * headers, KR344 per-environment configuration, KR345 request size), on facts the
 * posture analysis built from small Flask/FastAPI/Django projects.
 */
import { describe, it } from 'vitest';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { missingSecurityHeaders } from '../../../src/rules/project/kr309-missing-security-headers.js';
import { noPerEnvironmentConfig } from '../../../src/rules/project/kr344-no-per-environment-config.js';
import { unboundedRequestBody } from '../../../src/rules/project/kr345-unbounded-request-body.js';
import { factsOf } from './facts.js';

const FLASK = 'import os\nfrom flask import Flask, request\napp = Flask(__name__)\n\n@app.route("/upload", methods=["POST"])\ndef upload():\n    return request.get_data()\n';
const FASTAPI = 'import os\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items")\ndef items():\n    return []\n';

describe('KR309 missing-security-headers', () => {
  it('flags a web framework whose project sets no CSP or other headers, at its first route', async () =>
    testProjectRule(missingSecurityHeaders, {
      valid: [
        { name: 'flask-talisman', facts: await factsOf({ 'app.py': FLASK + 'from flask_talisman import Talisman\nTalisman(app)\n' }) },
        { name: 'no routes', facts: await factsOf({ 'lib.py': 'def f():\n    return 1\n' }) },
        { name: 'headers set in another file', facts: await factsOf({ 'app.py': FLASK, 'security.py': 'H = {"Content-Security-Policy": "default-src \'self\'", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"}\n' }) },
      ],
      invalid: [
        {
          name: 'flask without headers',
          facts: await factsOf({ 'app.py': FLASK }),
          findings: [{ path: 'app.py', line: 6, message: "No Content-Security-Policy is set anywhere in this flask project (nor X-Frame-Options, X-Content-Type-Options): an HTML injection runs script in users' sessions.", severity: 'medium' }],
        },
        { name: 'fastapi: low', facts: await factsOf({ 'api.py': FASTAPI }), findings: [{ path: 'api.py', line: 6, severity: 'low' }] },
        {
          name: 'CSP set, frame options missing',
          facts: await factsOf({ 'app.py': FLASK + 'CSP = "Content-Security-Policy"\nNOSNIFF = "nosniff"\n' }),
          findings: [{ line: 6, message: 'No X-Frame-Options header is set anywhere in this flask project.', severity: 'low' }],
        },
      ],
    }));
});

describe('KR344 no-per-environment-config', () => {
  it('flags a web project with no sign of per-environment configuration', async () =>
    testProjectRule(noPerEnvironmentConfig, {
      valid: [
        { name: 'os.environ', facts: await factsOf({ 'app.py': FLASK + 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n' }) },
        { name: 'a .env.example', facts: await factsOf({ 'app.py': FLASK.replace('import os\n', ''), '.env.example': 'A=\n' }) },
        { name: 'no routes', facts: await factsOf({ 'lib.py': 'DEBUG = True\n' }) },
      ],
      invalid: [
        {
          name: 'hard-coded settings only',
          facts: await factsOf({ 'app.py': FLASK.replace('import os\n', '') + 'app.config["DEBUG"] = True\n' }),
          findings: [{ path: 'app.py', line: 1, message: 'No per-environment configuration found', severity: 'low' }],
        },
      ],
    }));
});

describe('KR345 unbounded-request-body', () => {
  it('flags a whole-body read with no size limit; MAX_CONTENT_LENGTH anywhere covers Flask', async () =>
    testProjectRule(unboundedRequestBody, {
      valid: [
        { name: 'MAX_CONTENT_LENGTH in another file', facts: await factsOf({ 'app.py': FLASK, 'config.py': 'MAX_CONTENT_LENGTH = 2 * 1024 * 1024\n' }) },
        { name: 'no body read', facts: await factsOf({ 'api.py': FASTAPI }) },
      ],
      invalid: [
        {
          name: 'request.get_data()',
          facts: await factsOf({ 'app.py': FLASK }),
          findings: [{ path: 'app.py', line: 6, message: /^\/upload reads request\.get_data\(\) with no size limit/, severity: 'medium' }],
        },
      ],
    }));
});
