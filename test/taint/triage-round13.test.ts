/**
 * Reasoning-layer precision, thirteenth round: a helper of another module that passes on the
 * sanitised values it is given (the project pass now looks again), Flask's `request.path`
 * and `request.full_path` as sources, a loop that validates each variable of a literal tuple,
 * and a whole path segment fixed before the untrusted part of a URL. Each with its twin.
 */
import { describe, expect, it } from 'vitest';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { at, lines, projectScanner, verdictOf } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round13-');

describe('a helper of another module that passes on what it is given', () => {
  const ops = lines(
    'OPERATORS = {"add": "+", "sub": "-", "mul": "*"}',
    'def build_expression(left, op, right):',
    '    symbol = OPERATORS[op]',
    '    return f"{left} {symbol} {right}"',
  );
  const app = (convert: string) =>
    lines(
      'from flask import Flask, abort, request',
      'from ops import OPERATORS, build_expression',
      'app = Flask(__name__)',
      '@app.route("/compute/<op>")',
      'def compute(op):',
      '    if op not in OPERATORS:',
      '        abort(404)',
      `    left = ${convert}(request.args.get("a", "0"))`,
      `    right = ${convert}(request.args.get("b", "0"))`,
      '    expression = build_expression(left, op, right)',
      '    return str(eval(expression))',
    );

  it('numbers in (int()), numbers out: the eval is dismissed as sanitised in the project pass', async () => {
    const all = await scan({ 'app.py': app('int'), 'ops.py': ops });
    expect(verdictOf(all, 'B307', 'app.py', 11)).toBe('sanitised');
    expect(at(all, 'B307', 'app.py', 11)).toHaveLength(0);
  });

  it('text in (str()): the eval stays', async () => {
    const all = await scan({ 'app.py': app('str'), 'ops.py': ops });
    expect(at(all, 'B307', 'app.py', 11)).toHaveLength(1);
  });
});

describe("Flask's request path as a source", () => {
  it('request.path formatted into a template source in another module reaches render_template_string', async () => {
    const all = await scan({
      'pages.py': lines('NOT_FOUND = "<p>The page {path} does not exist.</p>"', 'def not_found_markup(path):', '    return NOT_FOUND.format(path=path)'),
      'views.py': lines(
        'from flask import render_template_string, request',
        'from pages import not_found_markup',
        'def page_not_found(_error):',
        '    return render_template_string(not_found_markup(request.path)), 404',
        'def other(_error):',
        '    return render_template_string(request.full_path), 404',
      ),
    });
    expect(at(all, 'KR106', 'views.py', 4)).toHaveLength(1);
    expect(at(all, 'KR106', 'views.py', 6)).toHaveLength(1);
  });

  it('the path given to a constant template as a variable: not reported', async () => {
    const all = await scan({
      'views.py': lines(
        'from flask import render_template_string, request',
        'def page_not_found(_error):',
        '    return render_template_string("<p>The page {{ path }} does not exist.</p>", path=request.path), 404',
      ),
    });
    expect(at(all, 'KR106', 'views.py')).toHaveLength(0);
  });
});

describe('a loop that validates each variable of a literal tuple', () => {
  const ops = (checked: string) =>
    lines(
      'import os, re',
      'TEMPLATES = {"lookup": "nslookup {host} {server}"}',
      '_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")',
      'def _is_valid(value):',
      '    return _NAME.fullmatch(value) is not None',
      'def run_check(action, host, server):',
      '    template = TEMPLATES[action]',
      `    for value in (${checked}):`,
      '        if not _is_valid(value):',
      '            raise ValueError(value)',
      '    return os.system(template.format(host=host, server=server))',
    );
  const cli = lines('import sys', 'from ops import run_check', 'run_check("lookup", sys.argv[1], sys.argv[2])');

  it('every variable formatted into the command is checked: dismissed as sanitised', async () => {
    const all = await scan({ 'ops.py': ops('host, server'), 'cli.py': cli });
    expect(verdictOf(all, 'B605', 'ops.py', 11)).toBe('sanitised');
  });

  it('one of them (server) is not checked: kept', async () => {
    const all = await scan({ 'ops.py': ops('action, host'), 'cli.py': cli });
    expect(at(all, 'B605', 'ops.py', 11)).toHaveLength(1);
  });

  it('a deny-list in the loop (the check holds where it leaves): kept', async () => {
    const src = ops('host, server').replace('        if not _is_valid(value):', '        if value in {"localhost", "127.0.0.1"}:');
    const all = await scan({ 'ops.py': src, 'cli.py': cli });
    expect(at(all, 'B605', 'ops.py', 11)).toHaveLength(1);
  });

  it('a loop that continues instead of leaving proves nothing: kept', async () => {
    const src = ops('host, server').replace('            raise ValueError(value)', '            continue');
    const all = await scan({ 'ops.py': src, 'cli.py': cli });
    expect(at(all, 'B605', 'ops.py', 11)).toHaveLength(1);
  });
});

describe('a whole path segment fixed before the untrusted part of a URL', () => {
  const server = (url: string) =>
    lines(
      'import requests',
      'from flask import Flask, request',
      'import settings',
      'app = Flask(__name__)',
      '@app.route("/stock")',
      'def stock():',
      '    sku = request.args["sku"]',
      '    base = settings.INVENTORY_SERVICE',
      `    return requests.get(${url}, timeout=5).text`,
    );
  const settings = lines('INVENTORY_SERVICE = "http://inventory.internal:8081"');

  it.each([['f"{base}/stock/{sku}"'], ['base + "/stock/" + sku'], ['f"{base}/v1/items?sku={sku}"']])('%s: the host is the developer\'s, no SSRF', async (url) => {
    const all = await scan({ 'server.py': server(url), 'settings.py': settings });
    expect(at(all, 'KR105', 'server.py', 9)).toHaveLength(0);
  });

  it.each([['f"{base}/{sku}"'], ['f"{base}//{sku}"'], ['base + "/" + sku'], ['f"{sku}/stock/{base}"'], ['f"{base}/{settings.VERSION}/{sku}"']])('%s: the request value may start the authority, reported', async (url) => {
    const all = await scan({ 'server.py': server(url), 'settings.py': settings });
    expect(at(all, 'KR105', 'server.py', 9)).toHaveLength(1);
  });
});

describe("fields of a Lambda event's requestContext that API Gateway sets", () => {
  const handler = (value: string) =>
    lines(
      'import json, logging',
      'logger = logging.getLogger("audit")',
      'def lambda_handler(event, context):',
      `    value = ${value}`,
      '    logger.warning("login failed from %s", value)',
      '    return {"statusCode": 401, "body": json.dumps({"error": "denied"})}',
    );

  it.each([['event.get("requestContext", {}).get("identity", {}).get("sourceIp", "-")'], ['event["requestContext"]["identity"]["sourceIp"]'], ['event["requestContext"]["requestId"]']])(
    '%s: the platform set it, no log injection',
    async (value) => {
      const all = await scan({ 'handler.py': handler(value) });
      expect(at(all, 'KR116', 'handler.py', 5)).toHaveLength(0);
    },
  );

  it.each([['event["requestContext"]["identity"]["userAgent"]'], ['event["headers"]["sourceIp"]'], ['json.loads(event["body"])["sourceIp"]']])('%s: client data, reported', async (value) => {
    const all = await scan({ 'handler.py': handler(value) });
    expect(at(all, 'KR116', 'handler.py', 5)).toHaveLength(1);
  });
});
