/**
 * `krait stats PATH`: the per-file statistics table, the project totals, the module
 * inventory and the most complex functions, as plain text for a terminal.
 */
import { createColors } from 'picocolors';
import type { Report } from './model.js';
import { terminalSafe } from '../core/text.js';
import { aggregateMetrics } from '../metrics/aggregate.js';
import type { FileMetrics, ProjectMetrics } from '../metrics/types.js';

/** Functions above this complexity are listed (the KR801 default threshold). */
const LIST_ABOVE = 10;
/** At most this many functions are listed. */
const LIST_MAX = 15;
/** Widest path column before paths are shortened from the left. */
const PATH_WIDTH = 56;

function fmtMean(n: number): string {
  return n === 0 ? '0' : n.toFixed(1);
}

function shorten(p: string, width: number): string {
  return p.length <= width ? p : `…${p.slice(p.length - width + 1)}`;
}

/**
 * Render the statistics of a report (scanned with the `metrics` analysis) as text: one row
 * per Python file, a totals row, the imported modules by origin and the functions whose
 * complexity is above 10. Paths and module names are made terminal-safe.
 *
 * @param report a scan report; `report.metrics` is used for the totals when present,
 *   else the totals are computed from the files
 * @param opts.color ANSI colours (only on a TTY without NO_COLOR)
 */
export function renderStats(report: Report, opts: { color: boolean }): string {
  const c = createColors(opts.color);
  const files = report.files.filter((f): f is typeof f & { metrics: FileMetrics } => !!f.metrics);
  const totals: ProjectMetrics = report.metrics ?? aggregateMetrics(files);
  const out: string[] = [];
  out.push(c.bold('CODE STATISTICS'));
  if (files.length === 0) {
    out.push('No Python file was measured.');
    return out.join('\n');
  }
  const head = ['File', 'Lines', 'Code', 'Comment', 'Blank', 'Docstr', 'Nodes', 'Funcs', 'Classes', 'Max CC', 'Mean CC'];
  const rows: string[][] = files.map((f) => {
    const m = f.metrics;
    return [
      terminalSafe(f.path), String(m.lines), String(m.codeLines), String(m.commentLines), String(m.blankLines),
      String(m.docstringLines), String(m.astNodes), String(m.functions), String(m.classes), String(m.maxComplexity), fmtMean(m.meanComplexity),
    ];
  });
  const total = [
    `Total (${totals.files} file${totals.files === 1 ? '' : 's'})`, String(totals.lines), String(totals.codeLines), String(totals.commentLines),
    String(totals.blankLines), String(totals.docstringLines), String(totals.astNodes), String(totals.functions), String(totals.classes),
    String(totals.maxComplexity), fmtMean(totals.meanComplexity),
  ];
  const pathWidth = Math.min(PATH_WIDTH, Math.max(head[0].length, total[0].length, ...rows.map((r) => r[0].length)));
  const widths = head.map((h, i) => (i === 0 ? pathWidth : Math.max(h.length, total[i].length, ...rows.map((r) => r[i].length))));
  const fmtRow = (r: string[]): string =>
    r.map((v, i) => (i === 0 ? shorten(v, pathWidth).padEnd(pathWidth) : v.padStart(widths[i]))).join('  ').trimEnd();
  out.push(c.bold(fmtRow(head)));
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  out.push(c.dim(rule));
  for (const r of rows) out.push(Number(r[9]) > LIST_ABOVE ? c.yellow(fmtRow(r)) : fmtRow(r));
  out.push(c.dim(rule));
  out.push(c.bold(fmtRow(total)));

  const extra: string[] = [];
  if (totals.methods !== undefined) extra.push(`methods ${totals.methods}`);
  if (totals.asyncFunctions !== undefined) extra.push(`async functions ${totals.asyncFunctions}`);
  if (totals.lambdas !== undefined) extra.push(`lambdas ${totals.lambdas}`);
  if (extra.length) out.push(c.dim(`(of the functions: ${extra.join(', ')})`));

  const imp = totals.imports;
  const list = (xs: string[]): string => (xs.length ? xs.map(terminalSafe).join(', ') : c.dim('none'));
  out.push('', c.bold('IMPORTED MODULES'));
  out.push(`Standard library (${imp.stdlib.length}): ${list(imp.stdlib)}`);
  out.push(`Third-party (${imp.thirdParty.length}): ${list(imp.thirdParty)}`);
  out.push(`Local (${imp.local.length}): ${list(imp.local)}`);

  const complex = files
    .flatMap((f) => f.metrics.complexity.map((b) => ({ ...b, path: f.path })))
    .filter((b) => b.complexity > LIST_ABOVE)
    .sort((a, b) => b.complexity - a.complexity || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line);
  out.push('', c.bold(`FUNCTIONS WITH CYCLOMATIC COMPLEXITY ABOVE ${LIST_ABOVE}`));
  if (!complex.length) out.push(c.dim('none'));
  for (const b of complex.slice(0, LIST_MAX)) {
    out.push(`${String(b.complexity).padStart(4)}  ${terminalSafe(b.name)}  ${c.dim(`${terminalSafe(b.path)}:${b.line}`)}`);
  }
  if (complex.length > LIST_MAX) out.push(c.dim(`… and ${complex.length - LIST_MAX} more`));
  return out.join('\n');
}

/**
 * The project statistics in four lines, for the full terminal report (`krait stats` prints
 * the per-file table with {@link renderStats}).
 *
 * @param totals the report's `metrics`
 * @param aboveThreshold functions reported as too complex (KR801 findings)
 * @param opts.color ANSI colours (only on a TTY without NO_COLOR)
 * @returns lines joined with '\n', no trailing newline
 */
export function renderStatsSummary(totals: ProjectMetrics, aboveThreshold: number, opts: { color: boolean }): string {
  const c = createColors(opts.color);
  const m = totals;
  const third = m.imports.thirdParty;
  return [
    c.bold('STATISTICS:'),
    `- ${m.files} Python file${m.files === 1 ? '' : 's'}, ${m.lines} lines (${m.codeLines} code, ${m.commentLines} comment, ${m.docstringLines} docstring, ${m.blankLines} blank), ${m.astNodes} AST nodes`,
    `- ${m.functions} functions (${m.methods} methods, ${m.asyncFunctions} async), ${m.classes} classes, ${m.lambdas} lambdas`,
    `- imports: ${m.imports.stdlib.length} standard library, ${third.length} third-party${third.length ? ` (${third.slice(0, 12).map(terminalSafe).join(', ')}${third.length > 12 ? ', …' : ''})` : ''}, ${m.imports.local.length} local`,
    `- cyclomatic complexity: max ${m.maxComplexity}, mean ${m.meanComplexity.toFixed(1)} over ${m.complexityFunctions} functions; ${aboveThreshold} above the threshold`,
  ].join('\n');
}
