/**
 * RuleTester for code rules, after ESLint's: run one rule over valid and invalid Python
 * snippets and assert the exact lines it reports.
 */
import { expect } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { runRules } from '../../src/engine/analyze.js';
import { readSuppressions } from '../../src/engine/suppress.js';
import { splitLines } from '../../src/engine/snippet.js';

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

export interface InvalidCase {
  code: string;
  /** 1-based lines of the expected findings, in order (duplicates allowed). */
  lines: number[];
  severity?: Finding['severity'];
  confidence?: Finding['confidence'];
  options?: RunOptions;
}

/**
 * Assert that `ruleId` reports nothing on each valid snippet and exactly `lines` on each
 * invalid one (and the given severity/confidence on all of them, when set).
 */
export function testRule(ruleId: string, cases: { valid: (string | { code: string; options?: RunOptions })[]; invalid: InvalidCase[] }): void {
  for (const v of cases.valid) {
    const code = typeof v === 'string' ? v : v.code;
    const found = runOn(code, [ruleId], typeof v === 'string' ? {} : v.options);
    expect(found.map((f) => `${f.location.startLine}: ${f.message}`), `valid snippet should pass ${ruleId}:\n${code}`).toEqual([]);
  }
  for (const c of cases.invalid) {
    const found = runOn(c.code, [ruleId], c.options);
    expect(found.map((f) => f.location.startLine), `lines reported by ${ruleId} for:\n${c.code}`).toEqual(c.lines);
    for (const f of found) {
      expect(f.ruleId).toBe(ruleId);
      expect(f.cwe.length).toBeGreaterThan(0);
      if (c.severity) expect(f.severity, `severity for:\n${c.code}`).toBe(c.severity);
      if (c.confidence) expect(f.confidence, `confidence for:\n${c.code}`).toBe(c.confidence);
    }
  }
}
