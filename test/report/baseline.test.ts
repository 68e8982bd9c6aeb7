import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, loadBaseline, writeBaseline } from '../../src/report/baseline.js';
import { renderJson } from '../../src/report/json.js';
import { makeReport, buildFindings, APP_PY, appSpecs } from './make-report.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'krait-bl-'));

/** The example app's findings after an edit: `blank` blank lines inserted before line `at`, plus an extra line. */
function editedScan(extraLine?: string) {
  const lines = APP_PY.split('\n');
  // three blank lines at the top of the module and two inside run(): every later line moves
  lines.splice(13, 0, '', '');
  lines.splice(0, 0, '', '', '');
  if (extraLine) lines.splice(30, 0, extraLine);
  const edited = lines.join('\n');
  const moved = (orig: number) => {
    const text = APP_PY.split('\n')[orig - 1]!;
    const candidates = edited.split('\n').flatMap((l, i) => (l === text ? [i + 1] : []));
    return candidates[0]!;
  };
  const specs = appSpecs().map((s) => (s.path === 'app/main.py' ? { ...s, source: edited, line: moved(s.line), trace: undefined } : s));
  if (extraLine) {
    specs.push({ path: 'app/main.py', source: edited, line: 31, ruleId: 'B307', ruleName: 'eval', category: 'code', severity: 'medium',
      confidence: 'high', cwe: [95], message: 'eval of untrusted input' } as (typeof specs)[number]);
  }
  return buildFindings(specs);
}

describe('baselines', () => {
  it('after an edit that only adds blank lines and one new finding, exactly that finding is new', () => {
    const dir = tmp();
    const before = makeReport();
    writeBaseline(before, join(dir, 'baseline.json'));
    const baseline = loadBaseline(join(dir, 'baseline.json'));
    expect(baseline.size).toBe(before.findings.length);

    const onlyBlank = editedScan();
    expect(onlyBlank.find((f) => f.ruleId === 'KR100')!.location.startLine).toBe(21); // moved from 16
    expect(applyBaseline(onlyBlank, baseline)).toEqual([]);

    const after = editedScan('    eval(request.args["x"])');
    const fresh = applyBaseline(after, baseline);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ ruleId: 'B307', location: { path: 'app/main.py', startLine: 31 } });
  });

  it('stores fingerprints, rule ids and paths only — never snippets, messages or secrets', () => {
    const dir = tmp();
    const r = makeReport();
    const secretLine = 'AKIA' + 'IOSFODNN7EXAMPLE';
    r.findings[0] = { ...r.findings[0]!, snippet: `10 AWS = "${secretLine}"`, message: `key ${secretLine}` };
    writeBaseline(r, join(dir, 'b.json'));
    const text = readFileSync(join(dir, 'b.json'), 'utf8');
    expect(text).not.toContain(secretLine);
    expect(text).not.toContain('AWS');
    const data = JSON.parse(text);
    expect(data).toMatchObject({ krait: 'baseline', version: 1, createdAt: r.startedAt });
    for (const f of data.findings) expect(Object.keys(f).sort()).toEqual(['fingerprint', 'path', 'ruleId']);
    // deterministic
    writeBaseline(r, join(dir, 'c.json'));
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe(text);
  });

  it('also reads a krait JSON report as a baseline', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.json'), renderJson(makeReport()));
    const set = loadBaseline(join(dir, 'r.json'));
    expect(applyBaseline(makeReport().findings, set)).toEqual([]);
  });

  it('fails with one-line messages on bad input', () => {
    const dir = tmp();
    expect(() => loadBaseline(join(dir, 'missing.json'))).toThrow(/^cannot read baseline .*missing\.json: ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{nope');
    expect(() => loadBaseline(join(dir, 'bad.json'))).toThrow(/is not valid JSON; write one with krait scan --write-baseline/);
    writeFileSync(join(dir, 'other.json'), '{"a":1}');
    expect(() => loadBaseline(join(dir, 'other.json'))).toThrow(/has no "findings" list/);
    writeFileSync(join(dir, 'v9.json'), '{"krait":"baseline","version":9,"findings":[]}');
    expect(() => loadBaseline(join(dir, 'v9.json'))).toThrow(/has version 9/);
    mkdirSync(join(dir, 'd'));
    expect(() => writeBaseline(makeReport(), join(dir, 'd'))).toThrow(/is a directory/);
    for (const f of ['missing.json', 'bad.json']) {
      try {
        loadBaseline(join(dir, f));
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});
