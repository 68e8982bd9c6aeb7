/**
 * Cross-module summaries beyond "returns a source": helpers in another module that clear or
 * fix a value (sanitisers per sink kind, constants, a fixed safe configuration), request
 * wrapper objects and helpers that read request data from the request object they are
 * given, and traces that list the steps inside the other modules. Each with a vulnerable
 * and a safe twin, through `scan()` on multi-file projects written here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/findings.js';
import type { Report } from '../../src/model.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Write a project (file path → text) into a fresh folder and scan it with the code rules. */
async function scanProject(files: Record<string, string>): Promise<{ report: Report; all: Finding[]; root: string }> {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-xsum-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const report = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'] });
  const rel = (f: Finding): Finding => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } });
  return { report, all: [...report.findings, ...(report.dismissed ?? [])].map(rel), root };
}

/** The one finding of `ruleId` (or merged with it) at `file:line`. */
function at(all: Finding[], ruleId: string, file: string, line: number): Finding {
  const got = all.filter((f) => (f.ruleId === ruleId || f.relatedRuleIds?.includes(ruleId)) && f.location.path === file && f.location.startLine === line);
  if (got.length !== 1) throw new Error(`expected one ${ruleId} at ${file}:${line}; got ${all.map((f) => `${f.ruleId}@${f.location.path}:${f.location.startLine}`).join(' ')}`);
  return got[0]!;
}

const tracePlaces = (f: Finding) => (f.trace ?? []).map((s) => `${path.basename(s.location.path)}:${s.location.startLine}`);

describe('callee summaries that clear or fix a value', () => {
  const helpers = {
    'h/__init__.py': '',
    'h/clean.py': [
      'import html, shlex',
      'def clean(value):',
      '    return str(int(value))',
      'def esc(value):',
      '    return html.escape(value)',
      'def quote(value):',
      '    return shlex.quote(value)',
      'def strip(value):',
      '    return value.strip()',
      '',
    ].join('\n'),
    'h/views.py': [
      'import os',
      'from flask import Flask, request',
      'from markupsafe import Markup',
      'from h.clean import clean, esc, quote, strip',
      'app = Flask(__name__)',
      '@app.route("/a")',
      'def a():',
      '    param = request.args.get("x", "")',
      '    bar = clean(param)',
      '    eval(bar)', // 10: int() clears every kind
      '    os.system("echo " + quote(param))', // 11: shlex.quote clears the shell
      '    eval(quote(param))', // 12: but not code
      '    eval(strip(param))', // 13: strip clears nothing
      '    m = Markup(esc(param))', // 14: escape clears XSS
      '    n = Markup(strip(param))', // 15: strip does not
      '    os.system("echo " + esc(param))', // 16: escape does not clear the shell
      '    return "ok"',
      '',
    ].join('\n'),
  };

  it('a sanitiser in another module sanitises the caller for the sink kinds it covers (pattern verdicts and flow rules)', async () => {
    const { all } = await scanProject(helpers);
    const v = (id: string, line: number) => at(all, id, 'h/views.py', line);
    expect(v('B307', 10).verdict?.kind).toBe('sanitised');
    expect(v('B307', 10).status).toBe('dismissed');
    expect(v('B307', 10).verdict?.reason).toMatch(/clean\(\) \(int\(\)\)/);
    expect(v('B605', 11).verdict?.kind).toBe('sanitised');
    expect(v('B605', 11).verdict?.reason).toMatch(/quote\(\) \(shlex\.quote\(\)\)/);
    // The vulnerable twins: the same helpers do not clear other kinds; strip() clears nothing.
    for (const line of [12, 13]) {
      expect(v('B307', line).verdict?.kind).toBe('reachable');
      expect(v('B307', line).relatedRuleIds).toEqual(['KR103']);
    }
    expect(v('B704', 14).verdict?.kind).toBe('sanitised');
    expect(v('B704', 15).verdict?.kind).toBe('reachable');
    expect(v('B605', 16).verdict?.kind).toBe('reachable');
    expect(all.filter((f) => f.ruleId === 'KR102' || f.relatedRuleIds?.includes('KR102')).map((f) => f.location.startLine)).toEqual([16]);
  });

  it('a helper returning a fixed safe loader or a constant in another module settles the verdict', async () => {
    const files = {
      'c/__init__.py': '',
      'c/conf.py': 'import yaml\ndef loader():\n    return yaml.SafeLoader\ndef full_loader():\n    return yaml.Loader\ndef maybe(x):\n    if x:\n        return yaml.SafeLoader\ndef default():\n    return "x"\n',
      'c/load.py': [
        'import yaml',
        'from c.conf import loader, full_loader, maybe, default',
        'def read(path):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=loader())', // 5: safe configuration
        'def read_full(path):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=full_loader())', // 8: unsafe loader
        'def read_maybe(path, x):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=maybe(x))', // 11: may return None (the default loader)
        'def run():',
        '    return eval(default())', // 13: constant
        '',
      ].join('\n'),
    };
    const { all } = await scanProject(files);
    const safe = at(all, 'B506', 'c/load.py', 5);
    expect(safe.verdict?.kind).toBe('safe-configuration');
    expect(safe.status).toBe('dismissed');
    expect(safe.verdict?.reason).toMatch(/yaml\.SafeLoader/);
    expect(at(all, 'B506', 'c/load.py', 8).verdict?.kind).toBe('unknown');
    expect(at(all, 'B506', 'c/load.py', 8).status ?? 'active').toBe('active');
    expect(at(all, 'B506', 'c/load.py', 11).verdict?.kind).toBe('unknown');
    expect(at(all, 'B307', 'c/load.py', 13).verdict?.kind).toBe('constant');
  });
});
