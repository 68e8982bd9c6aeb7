/**
 * Triage precision (issue 14): verdicts for safe programs that used to be `unknown` —
 * code objects made by compile(), pure functions of constants, conversions and regular
 * expressions as guards, HMAC authenticity checks before deserialising, XML parser
 * objects, and deserialiser loaders. Each case has a vulnerable twin that stays active.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import type { Report } from '../../src/model.js';
import { scan } from '../../src/engine/scan.js';

async function run(code: string): Promise<Report> {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-precision-'));
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'app.py'), code);
  return scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
}

function lineOf(code: string, marker: string): number {
  const i = code.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no ${marker} in test code`);
  return i + 1;
}

const all = (r: Report): Finding[] => [...r.findings, ...(r.dismissed ?? [])];

/** The finding of `rule` on the line marked `# sink`. */
async function verdictOf(code: string, rule: string): Promise<Finding> {
  const r = await run(code);
  const line = lineOf(code, '# sink');
  const f = all(r).find((x) => x.ruleId === rule && x.location.startLine === line);
  if (!f) throw new Error(`no ${rule} at line ${line}; got ${all(r).map((x) => `${x.ruleId}@${x.location.startLine}`).join(' ')}`);
  return f;
}

async function expectVerdict(code: string, rule: string, kind: string, reason?: RegExp): Promise<Finding> {
  const f = await verdictOf(code, rule);
  expect(f.verdict?.kind, `${rule} in:\n${code}\nreason: ${f.verdict?.reason}`).toBe(kind);
  expect(f.status ?? 'active').toBe(['constant', 'sanitised', 'safe-configuration'].includes(kind) ? 'dismissed' : 'active');
  if (reason) expect(f.verdict!.reason).toMatch(reason);
  return f;
}

const FLASK = 'from flask import request\n';

describe('code objects: exec/eval of compile() follow compile\'s source', () => {
  it('exec(compile(CONSTANT, ...)) is constant; compiled request data is reachable', async () => {
    await expectVerdict('def f():\n    exec(compile("x = 1", "<s>", "exec"))  # sink\n', 'B102', 'constant', /compile\(\).*"x = 1"/);
    const v = `${FLASK}def f():\n    exec(compile(request.form["c"], "<s>", "exec"))  # sink\n`;
    const f = await expectVerdict(v, 'B102', 'reachable');
    expect(f.trace?.[0]?.kind).toBe('source');
  });

  it('code = compile(...); exec(code) follows the name; eval(compile(...)) too', async () => {
    await expectVerdict('SRC = "print(1)"\ndef f():\n    code = compile(SRC, "<s>", "exec")\n    exec(code)  # sink\n', 'B102', 'constant');
    await expectVerdict(`${FLASK}def f():\n    code = compile(request.args["e"], "<s>", "exec")\n    exec(code)  # sink\n`, 'B102', 'reachable');
    await expectVerdict('def f():\n    return eval(compile("6 * 7", "<e>", "eval"))  # sink\n', 'B307', 'constant');
    await expectVerdict(`${FLASK}def f():\n    return eval(compile(request.args["e"], "<e>", "eval"))  # sink\n`, 'B307', 'reachable');
  });

  it('a sanitised source is sanitised; an unknown source stays unknown; a module function named compile is not the builtin', async () => {
    const ok = `${FLASK}def f():\n    e = request.args["e"]\n    if e not in ("1 + 1", "2 * 3"):\n        return\n    return eval(compile(e, "<e>", "eval"))  # sink\n`;
    await expectVerdict(ok, 'B307', 'sanitised');
    await expectVerdict('def f(src):\n    exec(compile(src, "<s>", "exec"))  # sink\n', 'B102', 'unknown');
    await expectVerdict('def compile(a, b, c):\n    return a\ndef f(src):\n    exec(compile("x = 1", src, "exec"))  # sink\n', 'B102', 'unknown');
  });
});
