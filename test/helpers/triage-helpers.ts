/** Small helpers shared by the triage and data-flow tests (test/taint/). */
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
