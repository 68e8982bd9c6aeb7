/**
 * Writing reports: the one entry point the CLI calls for every `--format`, plus the exit
 * code policy helper. Formats live in their own modules (text, json, sarif, markdown,
 * html); baselines in `baseline.ts`; the score in `score.ts`.
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lstatOrUndefined, writeFileSafely } from '../core/safe-write.js';
import { severityRank } from '../core/finding.js';
import type { Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { renderJson, stableOrder } from './json.js';
import { MARKDOWN_ENTRY } from './markdown-entry.js';
import { noRules } from './rules.js';
import type { RuleLookup } from './rules.js';
import { computeScore } from './score.js';
import { renderText } from './text.js';
import { withAdvisoryAge, type SummaryOptions } from './summary.js';

export { computeScore } from './score.js';
export { renderText } from './text.js';
export { renderJson } from './json.js';
export { writeBaseline, loadBaseline, applyBaseline } from './baseline.js';
export type { RuleLookup } from './rules.js';
export type { Score } from './score-types.js';

export const REPORT_FORMATS = ['text', 'concise', 'json', 'sarif', 'github', 'gitlab', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface WriteReportOptions extends SummaryOptions {
  format: ReportFormat;
  /** A file (text, json, sarif, html) or a directory (markdown). */
  output?: string;
  /** ANSI colours in the text format (ignored when writing to a file). */
  color: boolean;
  /** Full traces and properties in the text format. */
  verbose?: boolean;
  /** Rule documentation for SARIF, Markdown and HTML (the lead's `rules/catalog.ts`). */
  lookupRule?: RuleLookup;
  /** The day in the Markdown file names (default: today). */
  date?: Date;
  /** List the findings the reasoning layer dismissed (text), or emit them as suppressed results (SARIF). */
  showDismissed?: boolean;
  /** Wrap the text report to this many columns (the CLI passes the terminal width on a TTY). */
  width?: number;
  /** List suppressed and baselined findings in text and concise (`--show-suppressed`). */
  showSuppressed?: boolean;
  /** Text and concise: only the summary (`--summary-only`). */
  summaryOnly?: boolean;
  /** A command that runs one analysis: no score in the output (HTML and Markdown, full reports, keep it). */
  noScore?: boolean;
}

function oneLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const msg = String(err?.message ?? e).split('\n')[0];
  return err?.code && !msg.startsWith(err.code) ? `${err.code}: ${msg}` : msg;
}

/** `stat` that answers `undefined` for any path that cannot be a directory (missing, ENOTDIR…). */
function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** lstat that answers `undefined` whatever goes wrong (the write reports real errors). */
function lstatOrUndefinedQuiet(path: string): ReturnType<typeof lstatOrUndefined> {
  try {
    return lstatOrUndefined(path);
  } catch {
    return undefined;
  }
}

/**
 * Render `report` in `opts.format`. Without `opts.output`, returns the text to print
 * (text, json, sarif, html); with it, writes the file (parent directories created) and
 * returns `undefined`. Markdown always needs `output` (a directory).
 *
 * Never clobbers a directory by accident: a file format aimed at an existing directory
 * is an error, a symbolic link or non-regular file where the report goes is refused
 * (`safe-write.ts`), and Markdown refuses an existing non-empty directory unless it only holds
 * earlier krait Markdown output (`security-analysis-YYYY-MM-DD[.md]`). Every failure is
 * thrown as an Error with a one-line message.
 */
// Async so that every failure, even a synchronous one, reaches the caller as a rejection; the formats
// other than text and JSON are loaded when asked for.
export async function writeReport(report: Report, opts: WriteReportOptions): Promise<string | undefined> {
  const { format, output } = opts;
  const dated = opts.now ? withAdvisoryAge(report, opts.now) : report;
  const scored: Report = dated.score || (opts.noScore && format !== 'html' && format !== 'markdown') ? dated : { ...dated, score: computeScore(dated) };
  const lookup = opts.lookupRule ?? noRules;

  if (format === 'markdown') {
    if (!output) throw new Error('--format markdown writes a directory: give it with --output DIR');
    // Never list, fill or judge a folder through a link planted where the report goes.
    if (lstatOrUndefinedQuiet(output)?.isSymbolicLink()) throw new Error(`cannot write Markdown report to ${output}: output folder ${output} is a symbolic link; krait does not write through links`);
    const st = statOrUndefined(output);
    if (st && !st.isDirectory()) throw new Error(`${output} is a file; --format markdown needs a directory for --output`);
    if (st) {
      let entries: string[];
      try {
        entries = readdirSync(output);
      } catch (e) {
        throw new Error(`cannot read output directory ${output}: ${oneLine(e)}`);
      }
      const foreign = entries.filter((n) => !MARKDOWN_ENTRY.test(n));
      if (foreign.length) {
        throw new Error(
          `${output} is not empty and does not hold an earlier krait Markdown report (found ${foreign[0]}); choose a new or empty directory`,
        );
      }
    }
    try {
      const { writeMarkdown } = await import('./markdown.js');
      writeMarkdown(scored, output, opts.date ?? new Date(), lookup);
    } catch (e) {
      throw new Error(`cannot write Markdown report to ${output}: ${oneLine(e)}`);
    }
    return undefined;
  }

  let text: string;
  switch (format) {
    case 'text':
      text = renderText(scored, {
        color: opts.color && !output,
        verbose: opts.verbose,
        showDismissed: opts.showDismissed,
        width: output ? undefined : opts.width,
        showSuppressed: opts.showSuppressed,
        summaryOnly: opts.summaryOnly,
        failOn: opts.failOn,
        exitZero: opts.exitZero,
        now: opts.now,
      });
      break;
    case 'concise':
      text = (await import('./concise.js')).renderConcise(scored, { showSuppressed: opts.showSuppressed, summaryOnly: opts.summaryOnly });
      break;
    case 'github':
      text = (await import('./github.js')).renderGithub(scored);
      break;
    case 'gitlab':
      text = (await import('./gitlab.js')).renderGitlab(scored);
      break;
    case 'json':
      text = scored.score ? renderJson(scored) : JSON.stringify(stableOrder(scored), null, 2) + '\n';
      break;
    case 'sarif':
      text = (await import('./sarif.js')).renderSarif(scored, lookup, { showDismissed: opts.showDismissed });
      break;
    case 'html':
      text = (await import('./html.js')).renderHtml(scored, lookup);
      break;
    default:
      throw new Error(`unknown report format "${String(format)}"; use one of ${REPORT_FORMATS.join(', ')}`);
  }
  if (!output) return text;
  const st = statOrUndefined(output);
  if (st?.isDirectory()) throw new Error(`${output} is a directory; --format ${format} writes one file, give a file path`);
  try {
    writeFileSafely(resolve(output), text, 'report file');
  } catch (e) {
    throw new Error(`cannot write ${format} report to ${output}: ${oneLine(e)}`);
  }
  return undefined;
}

/**
 * The exit code a scan should end with: 1 when a finding is at or above `failOn`
 * (e.g. `'high'` fails on critical and high), else 0. `failOn: 'none'` and `exitZero`
 * always give 0. Errors that stop the scan are the CLI's business (exit 2).
 */
export function exitCodeFor(report: Report, failOn: Severity | 'none', exitZero: boolean): 0 | 1 {
  if (exitZero || failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0;
}
