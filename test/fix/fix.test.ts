/**
 * `krait fix`: every automatic fix turns its vulnerable snippet into the expected code,
 * is idempotent (a second run changes nothing), keeps comments and formatting, and is
 * dropped when it would not parse or would not remove the finding. Files keep their
 * encoding, BOM and line endings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Finding } from '../../src/core/finding.js';
import { fixFile, fixText, lowestPython, planFixes, unifiedDiff } from '../../src/pipeline/fix.js';
import { FIX_CATALOG, constantArgv } from '../../src/fix/fixers.js';
import { runOn } from '../helpers/rule-tester.js';
import { parsePython } from '../../src/python/parse.js';

/** The syntax tree without positions, parent links or the record of renamed identifiers. */
function shape(code: string): string {
  const parsed = parsePython(code);
  expect(parsed.syntaxErrors).toEqual([]);
  const skip = new Set(['parent', 'lineno', 'col_offset', 'end_lineno', 'end_col_offset', 'renamed']);
  return JSON.stringify(parsed.module, (k, v: unknown) => (skip.has(k) ? undefined : v));
}

function fix(code: string, rule: string, opts: { unsafe?: boolean; targetPython?: string } = {}) {
  const found = runOn(code, [rule]).filter((f) => f.autofix);
  return fixText(code, found, 'snippet.py', { unsafe: opts.unsafe ?? true, targetPython: opts.targetPython });
}

/** before → after, then a second run finds nothing left to fix. */
function expectFix(rule: string, before: string, after: string, targetPython?: string) {
  const r = fix(before, rule, { targetPython });
  expect(r.outcomes.map((o) => o.result)).toContain('applied');
  expect(r.after).toBe(after);
  const again = fix(r.after, rule, { targetPython });
  expect(again.after).toBe(r.after);
  expect(runOn(r.after, [rule])).toEqual([]);
}

describe('each fix: before → after, idempotent, comments and formatting kept', () => {
  it('B506 yaml.load → yaml.safe_load', () => {
    expectFix('B506', 'import yaml\ncfg = yaml.load(fh,  Loader=yaml.Loader)  # config\n', 'import yaml\ncfg = yaml.safe_load(fh)  # config\n');
    expectFix('B506', 'import yaml\ncfg = yaml.load(\n    fh,  # the file\n)\n', 'import yaml\ncfg = yaml.safe_load(\n    fh,  # the file\n)\n');
  });
  it('B501 verify=False removed', () => {
    expectFix('B501', 'import requests\nr = requests.get(URL, verify=False, timeout=5)  # rates\n', 'import requests\nr = requests.get(URL, timeout=5)  # rates\n');
    expectFix('B501', 'import requests\nr = requests.get(\n    URL,\n    verify=False,\n)\n', 'import requests\nr = requests.get(\n    URL,\n)\n');
  });
  it('B113 timeout added', () => {
    expectFix('B113', 'import requests\nrequests.post(url, json=payload)  # notify\n', 'import requests\nrequests.post(url, json=payload, timeout=30)  # notify\n');
    expectFix('B113', 'import requests\nrequests.get(url, timeout=None)\n', 'import requests\nrequests.get(url, timeout=30)\n');
  });
  it('B202 tarfile filter="data" (Python 3.12+)', () => {
    expectFix('B202', 'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(dest)  # unpack\n', 'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(dest, filter="data")  # unpack\n', '3.12');
    const r = fix('import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(dest)\n', 'B202', { targetPython: '3.9' });
    expect(r.outcomes.map((o) => o.result)).toEqual(['python-version']);
  });
  it('B701 jinja2 autoescape=True', () => {
    expectFix('B701', 'import jinja2\nenv = jinja2.Environment(loader=L)\n', 'import jinja2\nenv = jinja2.Environment(loader=L, autoescape=True)\n');
    expectFix('B701', 'import jinja2\nenv = jinja2.Environment(autoescape=False)\n', 'import jinja2\nenv = jinja2.Environment(autoescape=True)\n');
    expectFix('B701', 'import jinja2\nenv = jinja2.Environment()\n', 'import jinja2\nenv = jinja2.Environment(autoescape=True)\n');
  });
  it('KR124 random → secrets, with the import added in order', () => {
    expectFix(
      'KR124',
      '"""Doc."""\nimport random\nimport string\n\ndef reset():\n    reset_token = "".join(random.choice(string.digits) for _ in range(6))  # code\n',
      '"""Doc."""\nimport random\nimport secrets\nimport string\n\ndef reset():\n    reset_token = "".join(secrets.choice(string.digits) for _ in range(6))  # code\n',
    );
  });
  it('B306 mktemp → NamedTemporaryFile(delete=False).name', () => {
    expectFix('B306', 'import tempfile\npath = tempfile.mktemp(".xml", dir=d)\n', 'import tempfile\npath = tempfile.NamedTemporaryFile(delete=False, suffix=".xml", dir=d).name\n');
  });
  it('B324 usedforsecurity=False, not for a token', () => {
    expectFix('B324', 'import hashlib\ndef checksum(b):\n    return hashlib.md5(b).hexdigest()\n', 'import hashlib\ndef checksum(b):\n    return hashlib.md5(b, usedforsecurity=False).hexdigest()\n', '3.9');
    expect(runOn('import hashlib\ndef make_token(b):\n    return hashlib.sha1(b).hexdigest()\n', ['B324'])[0]!.autofix).toBeUndefined();
  });
  it('B602 constant shell command → argument list', () => {
    expectFix('B602', 'import subprocess\nsubprocess.run("ls -l /var/log", shell=True, check=True)\n', 'import subprocess\nsubprocess.run(["ls", "-l", "/var/log"], check=True)\n');
    expect(constantArgv('ls *.py')).toBeUndefined();
    expect(constantArgv('cd /tmp')).toBeUndefined();
    expect(constantArgv('A=1 prog')).toBeUndefined();
    expect(runOn('import subprocess\nsubprocess.run("ls | wc -l", shell=True)\n', ['B602'])[0]!.autofix).toBeUndefined();
  });
  it('B201 debug from the environment', () => {
    expectFix('B201', 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n', 'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n');
  });
  it('B323 unverified context → default context', () => {
    expectFix('B323', 'import ssl\nctx = ssl._create_unverified_context()\n', 'import ssl\nctx = ssl.create_default_context()\n');
  });
  it('KR145 (safe) an NFKC look-alike identifier → the name Python reads; the syntax tree is unchanged', () => {
    const before = 'import ｏｓ\n\ndef run(cmd):  # ｅｖａｌ in a comment stays\n    ｅｖａｌ(cmd)  # run it\n    return ｏｓ.ｐａｔｈ.join(cmd, "ｘ")\n';
    const after = 'import os\n\ndef run(cmd):  # ｅｖａｌ in a comment stays\n    eval(cmd)  # run it\n    return os.path.join(cmd, "ｘ")\n';
    expectFix('KR145', before, after);
    expect(shape(after)).toBe(shape(before));
    const math = 'x = 1\n𝐱 += 1\n';
    expectFix('KR145', math, 'x = 1\nx += 1\n');
    // the fix is applied by plain `krait fix` (safe), unlike an unsafe one
    const r = fix(before, 'KR145', { unsafe: false });
    expect(r.after).toBe(after);
    expect(r.outcomes.every((o) => o.result === 'applied')).toBe(true);
    expect(runOn('ｅｖａｌ(x)\n', ['KR145'])[0]!.autofix!.safety).toBe('safe');
  });
  it('KR145 declines a name that would be a keyword', () => {
    const [f] = runOn('Ｎｏｎｅ = 1\n', ['KR145']);
    expect(f).toBeDefined();
    expect(f!.autofix).toBeUndefined();
  });
  it('B613 (safe) bidirectional controls only in comments → removed; the syntax tree is unchanged', () => {
    const before = 'def ok(user):\n    # \u202e } \u2066if user.admin:\u2069 \u2066 # admins only\n    return True  # done\u2069\n';
    const after = 'def ok(user):\n    #  } if user.admin:  # admins only\n    return True  # done\n';
    expectFix('B613', before, after);
    expect(shape(after)).toBe(shape(before));
    expect(fix(before, 'B613', { unsafe: false }).after).toBe(after);
    // in a string the character is part of a value: no fix; nor in an encoding line
    expect(runOn('x = "user\u202e"  # \u2066\n', ['B613'])[0]!.autofix).toBeUndefined();
    expect(runOn('# \u202e coding: utf-8\nx = 1\n', ['B613'])[0]!.autofix).toBeUndefined();
    expect(runOn('x = 1\n# \u202e note\n', ['B613'])[0]!.autofix).toMatchObject({ safety: 'safe' });
  });
  it('every fix in the catalog has a test above', () => {
    const src = readFileSync(new URL(import.meta.url), 'utf8');
    for (const f of FIX_CATALOG) expect(src, f.ruleId).toMatch(new RegExp(`expectFix\\(\\s*'${f.ruleId}'`));
  });
});

describe('applying fixes', () => {
  it('skips unsafe fixes unless asked, and applies the safe ones in the same file', () => {
    const r = fix('import yaml\nyaml.load(s)\n', 'B506', { unsafe: false });
    expect(r.after).toBe('import yaml\nyaml.load(s)\n');
    expect(r.outcomes[0]!.result).toBe('unsafe');
    const code = 'import yaml\nｙａｍｌ.load(s)\n';
    const mixed = fixText(code, runOn(code, ['B506', 'KR145']), 's.py', { unsafe: false });
    expect(mixed.after).toBe('import yaml\nyaml.load(s)\n');
    expect(mixed.outcomes.map((o) => `${o.finding.ruleId}:${o.result}`).sort()).toEqual(['B506:unsafe', 'KR145:applied']);
  });
  it('applies several fixes in one file, sharing one added import', () => {
    const code = 'import random\n\ndef a():\n    api_token = random.choice(X)\n\ndef b():\n    session_key = random.choice(Y)\n';
    const r = fix(code, 'KR124');
    expect(r.after).toBe('import random\nimport secrets\n\ndef a():\n    api_token = secrets.choice(X)\n\ndef b():\n    session_key = secrets.choice(Y)\n');
  });
  it('skips an overlapping fix and drops one that would not remove the finding or would not parse', () => {
    const code = 'import yaml\nyaml.load(s)\n';
    const [f] = runOn(code, ['B506']);
    const overlapping: Finding = { ...f!, autofix: { ...f!.autofix!, edits: [{ startLine: 2, startColumn: 0, endLine: 2, endColumn: 9, text: 'yaml.load' }] } };
    const broken: Finding = { ...f!, autofix: { ...f!.autofix!, edits: [{ startLine: 2, startColumn: 0, endLine: 2, endColumn: 0, text: '(' }] } };
    const useless: Finding = { ...f!, autofix: { ...f!.autofix!, edits: [{ startLine: 2, startColumn: 12, endLine: 2, endColumn: 12, text: ' ' }] } };
    expect(fixText(code, [broken], 's.py', { unsafe: true }).outcomes[0]!.result).toBe('syntax');
    expect(fixText(code, [useless], 's.py', { unsafe: true }).outcomes[0]!.result).toBe('not-removed');
    const both = fixText(code, [f!, overlapping], 's.py', { unsafe: true });
    expect(both.outcomes.map((o) => o.result).sort()).toEqual(['applied', 'overlap']);
    expect(both.after).toBe('import yaml\nyaml.safe_load(s)\n');
  });
  it('applies a deletion and an insertion that meet at one point (verify=False removed, timeout added)', () => {
    const code = 'import requests\nrequests.get(URL, verify=False)\n';
    const found = runOn(code, ['B501', 'B113']);
    const r = fixText(code, found, 's.py', { unsafe: true });
    expect(r.after).toBe('import requests\nrequests.get(URL, timeout=30)\n');
    expect(r.outcomes.map((o) => o.result)).toEqual(['applied', 'applied']);
  });
  it('never fixes dismissed or suppressed findings', () => {
    const [f] = runOn('import yaml\nyaml.load(s)\n', ['B506']);
    expect(planFixes([{ ...f!, status: 'dismissed' }], { unsafe: true })).toEqual([]);
  });
  it('reads requires-python', () => {
    expect(lowestPython('>=3.8.1,<4')).toBe('3.8');
    expect(lowestPython('>=3.12')).toBe('3.12');
    expect(lowestPython('~=3.10')).toBe('3.10');
  });
});

describe('files keep their encoding, BOM and line endings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-fix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const roundTrip = (name: string, bytes: Buffer, text: string) => {
    const abs = path.join(dir, name);
    writeFileSync(abs, bytes);
    const found = runOn(text, ['B506']).map((f) => ({ ...f, location: { ...f.location, path: name } }));
    const ff = fixFile(abs, name, found, { unsafe: true });
    ff.write();
    expect(unifiedDiff(ff)).toContain('+yaml.safe_load(s)');
    return readFileSync(abs);
  };
  it('CRLF', () => {
    const text = 'import yaml\r\n# é\r\nyaml.load(s)\r\n';
    expect(roundTrip('crlf.py', Buffer.from(text), text).toString('utf8')).toBe('import yaml\r\n# é\r\nyaml.safe_load(s)\r\n');
  });
  it('UTF-8 BOM', () => {
    const text = 'import yaml\nyaml.load(s)\n';
    const out = roundTrip('bom.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), text);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.subarray(3).toString('utf8')).toBe('import yaml\nyaml.safe_load(s)\n');
  });
  it('PEP 263 latin-1', () => {
    const text = '# -*- coding: latin-1 -*-\nimport yaml\nname = "café"\nyaml.load(s)\n';
    const out = roundTrip('latin.py', iconv.encode(text, 'latin1'), text);
    expect(iconv.decode(out, 'latin1')).toBe('# -*- coding: latin-1 -*-\nimport yaml\nname = "café"\nyaml.safe_load(s)\n');
    expect(out.includes(Buffer.from('café', 'utf8'))).toBe(false);
  });
});

describe('docs/fixes.md', () => {
  it('lists every fix with its safety and Python version', () => {
    const doc = readFileSync(new URL('../../docs/fixes.md', import.meta.url), 'utf8');
    for (const f of FIX_CATALOG) expect(doc, f.ruleId).toContain(`| ${f.ruleId} | ${f.title.replace(/\|/g, '\\|')} | ${f.safety} | ${f.minPython ? f.minPython + '+' : 'any'} |`);
  });
});
