/**
 * No hang, no unbounded work: a per-file time budget (a file past it is listed as partly
 * analysed and the scan goes on), and secrets scanning linear in the line length on the
 * inputs that make regular expressions backtrack. The sizes are chosen so that quadratic
 * work would run far past the test timeout; no assertion reads a clock.
 */
import { describe, expect, it } from 'vitest';
import { analyze, hits, scanTree } from './analyze-helpers.js';
import { detectSecrets } from '../../src/pipeline/secrets.js';
import { splitLines } from '../../src/core/snippet.js';
import type { FileKind } from '../../src/core/file.js';
import { parsePython } from '../../src/python/parse.js';

const MB = 1 << 20;

function secretsOn(text: string, kind: FileKind = 'python') {
  return detectSecrets({ path: 'x', kind, text, lines: splitLines(text) });
}

describe('hostile: per-file time budget', () => {
  it('a spent budget lists the file as partly analysed and names what was left out', () => {
    const r = analyze('a.py', 'import os\nos.system(x)\n', { timeBudgetMs: 0 });
    const d = r.diagnostics.find((x) => x.kind === 'partial');
    expect(d?.message).toMatch(/time budget \(0 ms\) ran out; not done: parsing and every analysis/);
    expect(r.findings).toEqual([]);
  });

  it('an ample budget leaves no partial diagnostic and every finding', () => {
    const r = analyze('a.py', 'import os\nos.system(x)\n', { timeBudgetMs: 600_000 });
    expect(r.diagnostics.filter((x) => x.kind === 'partial')).toEqual([]);
    expect(hits(r)).toContain('B605@2');
  });

  it('a spent budget on a non-Python file skips its secrets scan with a diagnostic', () => {
    const r = analyze('.env', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\n', { timeBudgetMs: 0 });
    expect(r.diagnostics.find((x) => x.kind === 'partial')?.message).toMatch(/not done: secrets/);
  });

  it('parsing stops at a passed deadline: the tree is cut and the result says so', () => {
    const p = parsePython(`x = [${'1,'.repeat(100_000)}]\n`, { deadline: 0 });
    expect(p.timedOut).toBe(true);
    expect(parsePython('x = 1\n', { deadline: Infinity }).timedOut).toBe(false);
  });

  it('a deadline that passes while tree-sitter parses cuts the input there, and the next file parses whole', () => {
    // 800,000 characters take tens of milliseconds to parse; the deadline is 2 ms away.
    const p = parsePython(`x = [${'1,'.repeat(400_000)}]\n`, { deadline: Date.now() + 2 });
    expect(p.timedOut).toBe(true);
    const next = parsePython('y = 2\n');
    expect(next.timedOut).toBe(false);
    expect(next.syntaxErrors).toEqual([]);
    expect(next.module.body.map((s) => s.type)).toEqual(['Assign']);
    expect(parsePython('z = 3\n', { deadline: Date.now() + 60_000 }).module.body).toHaveLength(1);
  });

  it('the scan goes on past a partly analysed file and reports it in diagnostics', async () => {
    const { report } = await scanTree({ 'a.py': 'eval(x)\n', 'b.py': 'eval(y)\n' }, { fileTimeBudgetMs: 0 });
    expect(report.diagnostics.filter((d) => d.kind === 'partial').map((d) => d.path).sort()).toEqual(['a.py', 'b.py']);
  });
});

describe('hostile: secrets scanning stays linear', () => {
  it('a 2 MB line of spaces after an opening quote', () => {
    expect(secretsOn(`x = "${' '.repeat(2 * MB)}`)).toEqual([]);
  });

  it('an unclosed string of 2 MB after password =', () => {
    expect(() => secretsOn(`password = "${'a'.repeat(2 * MB)}`)).not.toThrow();
  });

  it('a 2 MB run of base64 characters', () => {
    expect(() => secretsOn(`k = ${'QUJD'.repeat(MB / 2)}`)).not.toThrow();
  });

  it('a 2 MB quoted base64 token', () => {
    expect(() => secretsOn(`token = "${'QUJD'.repeat(MB / 2)}"`)).not.toThrow();
  });

  it('a 1 MB line of quotes', () => {
    expect(() => secretsOn('"'.repeat(MB))).not.toThrow();
  });

  it('a 1 MB line of backslashes after a quote', () => {
    expect(() => secretsOn(`"${'\\'.repeat(MB)}`)).not.toThrow();
  });

  it('100,000 repeated key assignments on one line', () => {
    expect(() => secretsOn('api_key=1 '.repeat(100_000), 'env')).not.toThrow();
  });

  it('a URL with 500,000 user:password-like colons', () => {
    expect(() => secretsOn(`u = "https://${'a:'.repeat(500_000)}@x"`)).not.toThrow();
  });

  it('a PEM header followed by 2 MB without an end line', () => {
    expect(() => secretsOn(`-----BEGIN RSA PRIVATE KEY-----${'A'.repeat(2 * MB)}`)).not.toThrow();
  });

  it('200,000 short lines of secret-looking assignments', () => {
    const text = 'secret_key = "x"\n'.repeat(200_000);
    expect(() => secretsOn(text)).not.toThrow();
  });

  it('a YAML line of 1 MB of colons and dashes', () => {
    expect(() => secretsOn('password: '.repeat(100_000), 'yaml')).not.toThrow();
  });

  it('a JSON document with a 1 MB key', () => {
    expect(() => secretsOn(`{"${'k'.repeat(MB)}": "v"}`, 'json')).not.toThrow();
  });

  it('a Python file of one 200 KB line (100,000 list items) goes through every analysis', () => {
    const r = analyze('a.py', `import os\nx = [${'1,'.repeat(100_000)}]\nos.system(x)\n`);
    expect(hits(r)).toContain('B605@3');
  });
});
