/**
 * Data-driven pairs for the taint model tables: for every row, a vulnerable snippet (the
 * flow rule fires, with a trace that starts at the source) and a safe one (no finding).
 */
import { expect, it } from 'vitest';
import { runOn } from '../helpers/rule-tester.js';

export interface Pair {
  /** What the pair covers: 'source flask request.args'. */
  name: string;
  rule: string;
  vuln: string;
  safe: string;
  /** Text the source step of the trace must contain. */
  source?: string;
  /** The engine lacks a capability this pair needs (the pair is expected to fail until it has it). */
  needs?: string;
}

/** Strip the first newline of a template literal, so snippets can start on their own line. */
export const py = (s: string): string => s.replace(/^\n/, '');

/** Assert the vulnerable snippet is reported with a trace from the source, and the safe one is not. */
export function checkPair(p: Pair): void {
  const v = runOn(p.vuln, [p.rule]);
  expect(v.length, `${p.rule} should fire on:\n${p.vuln}`).toBeGreaterThan(0);
  const trace = v[0]!.trace ?? [];
  expect(trace[0]?.kind, `trace of:\n${p.vuln}`).toBe('source');
  expect(trace[trace.length - 1]?.kind).toBe('sink');
  if (p.source) expect(trace[0]!.message).toContain(p.source);
  const s = runOn(p.safe, [p.rule]);
  expect(
    s.map((f) => `${f.location.startLine}: ${f.message}`),
    `${p.rule} should not fire on:\n${p.safe}`,
  ).toEqual([]);
}

/** One `it` per pair; pairs that need an engine capability are `it.fails` with the reason in the title. */
export function runPairs(pairs: readonly Pair[]): void {
  for (const p of pairs) {
    if (p.needs) it.fails(`${p.name} [needs engine: ${p.needs}]`, () => checkPair(p));
    else it(p.name, () => checkPair(p));
  }
}

import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { runRules } from '../../src/pipeline/analyze.js';
import { readSuppressions } from '../../src/core/suppress.js';
import { splitLines } from '../../src/core/snippet.js';
import type { Finding } from '../../src/core/finding.js';
import type { ProjectTaintModels } from '../../src/taint/models/project.js';

/** Run rules over a snippet with a project's own taint models (as `[tool.krait.taint]` gives them). */
export function runWithModels(code: string, ruleIds: string[], taintModels?: ProjectTaintModels): Finding[] {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module, '');
  const out: Finding[] = [];
  runRules(
    { path: 'snippet.py', options: { analyses: ['rules'], enabledRules: ruleIds, ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 30, ...(taintModels ? { taintModels } : {}) } },
    code,
    splitLines(code),
    parsed.module,
    semantic,
    readSuppressions(parsed.comments),
    out,
  );
  return out;
}
