/**
 * The overview's Quality & Testing and Performance fields as one sentence each, for every
 * report format. The data is computed once in the project pass (`metrics.testing`,
 * `metrics.hotspots`, from `metrics/quality.ts`) and travels in the report model (JSON
 * carries it as is); this module only words it. Text from the audited project (paths,
 * function names) goes through the caller's `code` function, which quotes and escapes it
 * for the format (a Markdown code span, an HTML `<code>`, terminal-safe text); everything
 * else is krait's own wording.
 */
import type { Report } from './model.js';

/** How a format shows text from the audited project (a path, a function name). */
export type CodeText = (s: string) => string;

/** Hot spots named in the sentence (the JSON lists them all). */
const HOTSPOTS_NAMED = 5;
/** Used when an older report has hot spots without their threshold. */
const DEFAULT_THRESHOLD = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Quality & Testing: test files, test-to-code ratio and the line coverage of a coverage
 * report in a scan root (or that none was found); "not assessed" without statistics.
 */
export function testingOverview(report: Pick<Report, 'metrics'>, code: CodeText): string {
  const t = report.metrics?.testing;
  if (!t) return 'not assessed (statistics were not computed)';
  const cov = t.coverage ? `line coverage ${t.coverage.percent}% (${code(t.coverage.file)})` : 'no coverage report found (coverage.xml, coverage.json, lcov.info)';
  return `${plural(t.testFiles, 'test file')}, test-to-code ratio ${t.ratio.toFixed(2)} (${t.testCodeLines} test / ${t.codeLines} code lines); ${cov}`;
}

/**
 * Performance: the functions above the complexity threshold (the most complex named,
 * with file, line and complexity); "not assessed" without statistics.
 */
export function performanceOverview(report: Pick<Report, 'metrics'>, code: CodeText): string {
  const h = report.metrics?.hotspots;
  if (!h) return 'not assessed (statistics were not computed)';
  const limit = report.metrics?.hotspotThreshold ?? DEFAULT_THRESHOLD;
  if (!h.length) return `no function above cyclomatic complexity ${limit}`;
  const top = h.slice(0, HOTSPOTS_NAMED).map((x) => `${code(`${x.path}:${x.line}`)} ${code(x.name)} (${x.complexity})`).join(', ');
  return `${h.length} function${h.length === 1 ? '' : 's'} above cyclomatic complexity ${limit} (hot spots: ${top}${h.length > HOTSPOTS_NAMED ? ', …' : ''})`;
}
