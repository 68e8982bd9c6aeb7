/** Small helpers shared by the triage and data-flow tests (test/taint/). */
import { expect } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { parsePython } from '../../src/python/parse.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { linkParents } from '../../src/python/visit.js';
import { TaintAnalysis } from '../../src/taint/engine.js';

/** The 1-based line of the first line of `code` that contains `marker` (a `# sink` comment). */
export function lineOf(code: string, marker: string): number {
  const i = code.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no ${marker} in test code`);
  return i + 1;
}

/** A report's findings, active and dismissed. */
export const allFindings = (r: Report): Finding[] => [...r.findings, ...(r.dismissed ?? [])];

/** The data-flow analysis of one module's code, run (flows, work counted in `steps`). */
export function runTaintAnalysis(code: string): TaintAnalysis {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  return new TaintAnalysis(parsed.module, new SemanticModel(parsed.module, ''), code.split('\n')).run();
}

/**
 * The statements the analysis executes on `code` (a deterministic measure of its work), after
 * checking that it finds exactly one flow of `rule`: the tests that bound the work of nested
 * constructs compare this across sizes.
 */
export function stepsWithOneFlow(code: string, rule: string): number {
  const analysis = runTaintAnalysis(code);
  expect(analysis.flows.filter((f) => f.rule === rule)).toHaveLength(1);
  return analysis.steps;
}
