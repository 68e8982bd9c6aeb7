/** Small helpers shared by the triage tests (test/taint/triage*.test.ts). */
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';

/** The 1-based line of the first line of `code` that contains `marker` (a `# sink` comment). */
export function lineOf(code: string, marker: string): number {
  const i = code.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no ${marker} in test code`);
  return i + 1;
}

/** A report's findings, active and dismissed. */
export const allFindings = (r: Report): Finding[] => [...r.findings, ...(r.dismissed ?? [])];
