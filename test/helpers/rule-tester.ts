/**
 * RuleTester for code rules, after ESLint's: run one rule over valid and invalid Python
 * snippets and assert the exact lines it reports — and, when a case asks, the columns and
 * messages.
 */
import { expect } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { runRules } from '../../src/pipeline/analyze.js';
import { readSuppressions } from '../../src/core/suppress.js';
import { splitLines } from '../../src/core/snippet.js';

export interface RunOptions {
  ruleOptions?: Record<string, Record<string, unknown>>;
  ignoreNosec?: boolean;
  path?: string;
  packageName?: string;
}

/** Run rules (by id) over a snippet and return the findings. */
export function runOn(code: string, ruleIds: string[], opts: RunOptions = {}): Finding[] {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module, opts.packageName ?? '');
  const out: Finding[] = [];
  runRules(
    {
      path: opts.path ?? 'snippet.py',
      options: {
        analyses: ['rules'],
        enabledRules: ruleIds,
        ruleOptions: opts.ruleOptions ?? {},
        ignoreNosec: opts.ignoreNosec ?? false,
        maxFileSize: 1 << 30,
      },
    },
    code,
    splitLines(code),
    parsed.module,
    semantic,
    opts.ignoreNosec ? new Map() : readSuppressions(parsed.comments),
    out,
    parsed.comments,
  );
  return out;
}

/**
 * One expected finding of an invalid case, after ESLint's RuleTester `errors`: its line and,
 * when given, its column and message.
 */
export interface ExpectedFinding {
  /** 1-based line (`Finding.location.startLine`). */
  line: number;
  /**
   * 1-based column, as krait prints it in every report (`path:line:col`, SARIF): that is
   * `Finding.location.startColumn + 1`.
   */
  column?: number;
  /** The message: a string must match exactly; a RegExp is tested against it (use one for a substring). */
  message?: string | RegExp;
}

export interface InvalidCase {
  code: string;
  /** 1-based lines of the expected findings, in order (duplicates allowed). Give this or `errors`. */
  lines?: number[];
  /**
   * The expected findings, in report order (by line, then column): each one's line and, when
   * given, column and message. Give this or `lines`.
   */
  errors?: ExpectedFinding[];
  severity?: Finding['severity'];
  confidence?: Finding['confidence'];
  options?: RunOptions;
}

/** A finding in the shape of an `ExpectedFinding` that asks for `want`'s fields (for readable diffs). */
function actualAs(f: Finding, want: ExpectedFinding | undefined): ExpectedFinding {
  const got: ExpectedFinding = { line: f.location.startLine };
  if (want?.column !== undefined) got.column = f.location.startColumn + 1;
  if (want?.message !== undefined) got.message = want.message instanceof RegExp && want.message.test(f.message) ? want.message : f.message;
  return got;
}

/**
 * Assert that `ruleId` reports nothing on each valid snippet and exactly the expected findings
 * on each invalid one — its `lines`, or its `errors` with their columns and messages — and the
 * given severity/confidence on all of them, when set.
 */
export function testRule(ruleId: string, cases: { valid: (string | { code: string; options?: RunOptions })[]; invalid: InvalidCase[] }): void {
  for (const v of cases.valid) {
    const code = typeof v === 'string' ? v : v.code;
    const found = runOn(code, [ruleId], typeof v === 'string' ? {} : v.options);
    expect(found.map((f) => `${f.location.startLine}: ${f.message}`), `valid snippet should pass ${ruleId}:\n${code}`).toEqual([]);
  }
  for (const c of cases.invalid) {
    if ((c.lines === undefined) === (c.errors === undefined)) throw new Error(`an invalid case of ${ruleId} gives both or neither of lines and errors:\n${c.code}`);
    const found = runOn(c.code, [ruleId], c.options);
    if (c.lines) {
      expect(found.map((f) => f.location.startLine), `lines reported by ${ruleId} for:\n${c.code}`).toEqual(c.lines);
    } else {
      const errors = c.errors!;
      const ordered = [...found].sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
      const got = ordered.map((f, i) => actualAs(f, errors[i]));
      expect(got, `findings of ${ruleId} for:\n${c.code}`).toEqual(errors);
    }
    for (const f of found) {
      expect(f.ruleId).toBe(ruleId);
      expect(f.cwe.length).toBeGreaterThan(0);
      if (c.severity) expect(f.severity, `severity for:\n${c.code}`).toBe(c.severity);
      if (c.confidence) expect(f.confidence, `confidence for:\n${c.code}`).toBe(c.confidence);
    }
  }
}
