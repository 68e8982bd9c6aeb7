/**
 * The summary every text-like format ends with (as bandit and ruff end): the score, the
 * findings by severity, the overview's Quality & Testing and Performance fields (when
 * statistics were computed), what decided the exit code, the suppressed findings per rule and
 * the findings triage dismissed; and the line stating the advisory data's date and age.
 */
import { createColors } from 'picocolors';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import type { Report } from './model.js';
import type { Score } from './score-types.js';
import { terminalSafe } from '../core/text.js';
import { STALE_ADVISORY_DAYS, ageInDays } from '../deps/database.js';
import { performanceOverview, testingOverview } from './overview.js';
import { fixableLine } from './fix-notes.js';

export interface SummaryOptions {
  /** The `--fail-on` level the exit code follows (default `low`). */
  failOn?: Severity | 'none';
  /** `--exit-zero` was given. */
  exitZero?: boolean;
  /** The suppressed findings are listed (`--show-suppressed`). */
  showSuppressed?: boolean;
  /** "Now", for the advisory data's age (tests fix it). */
  now?: Date;
}

export { STALE_ADVISORY_DAYS, ageInDays };

/** The advisory data a scan used: where from, its date, its age in days at `now`, and whether that is over {@link STALE_ADVISORY_DAYS}. */
export interface AdvisoryDataAge {
  source: string;
  /** `YYYY-MM-DD`, `''` when unknown. */
  date: string;
  advisories: number;
  /** Whole days from `date` to now; undefined when the date is unknown. */
  ageDays?: number;
  stale: boolean;
}

/**
 * The age of the report's advisory data. With `now`, counted from it (tests fix the
 * clock); else the age the scan recorded (`dependencies.database.ageDays`), else from the
 * clock. Undefined when the scan did not audit dependencies.
 */
export function advisoryDataAge(report: Report, now?: Date): AdvisoryDataAge | undefined {
  const db = report.dependencies?.database;
  if (!db) return undefined;
  const ageDays = now === undefined && typeof db.ageDays === 'number' ? db.ageDays : db.date ? ageInDays(db.date, now) : undefined;
  return { source: db.source, date: /^\d{4}-\d\d-\d\d/.test(db.date) ? db.date.slice(0, 10) : '', advisories: db.advisories, ...(ageDays === undefined ? {} : { ageDays }), stale: ageDays !== undefined && ageDays > STALE_ADVISORY_DAYS };
}

/** `report` with its advisory data's age counted at `now` (`dependencies.database.ageDays` and `stale`); `report` itself when it audited no dependencies. */
export function withAdvisoryAge(report: Report, now: Date): Report {
  const deps = report.dependencies;
  const age = advisoryDataAge(report, now);
  if (!deps || age?.ageDays === undefined) return report;
  return { ...report, dependencies: { ...deps, database: { ...deps.database, ageDays: age.ageDays, stale: age.stale } } };
}

/** `of 2024-05-01 (580 days old — WARNING: over 30 days; refresh it with krait db update)`: the date-and-age part of {@link advisoryDataLine}. */
export function advisoryAgeText(age: Pick<AdvisoryDataAge, 'date' | 'ageDays' | 'stale'>): string {
  const when = age.date ? `of ${terminalSafe(age.date)}` : '(date unknown)';
  if (age.ageDays === undefined) return when;
  const old = age.stale
    ? ` (${age.ageDays} days old — WARNING: over ${STALE_ADVISORY_DAYS} days; refresh it with krait db update)`
    : ` (${age.ageDays} day${age.ageDays === 1 ? '' : 's'} old)`;
  return when + old;
}

/**
 * `Advisory data: PyPA advisory database of 2024-05-01 (580 days old — WARNING: over 30 days; refresh it with krait db update), 2651 advisories`,
 * or undefined when the scan did not audit dependencies.
 */
export function advisoryDataLine(report: Report, now?: Date): string | undefined {
  const age = advisoryDataAge(report, now);
  if (!age) return undefined;
  return `Advisory data: ${terminalSafe(age.source)} ${advisoryAgeText(age)}, ${age.advisories} advisories`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `B602: 2, KR201: 1` — counts per rule, most first. */
export function countsByRule(findings: readonly Finding[]): string {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id, n]) => `${terminalSafe(id)}: ${n}`)
    .join(', ');
}

/** `2 critical, 5 high, 1 low` (severities with no finding left out), or `none`. */
export function countsBySeverity(findings: readonly Finding[]): string {
  const parts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([s, n]) => `${n} ${s}`).join(', ') : 'none';
}

/** The line on suppressed findings, or undefined when there are none. */
export function suppressedLine(report: Report, showSuppressed = false): string | undefined {
  const list = report.suppressed ?? [];
  const n = Math.max(report.suppressedCount, list.length);
  if (!n) return undefined;
  const inCode = list.filter((f) => f.suppression?.comment);
  const noReason = inCode.filter((f) => !f.suppression?.justification).length;
  const baselined = list.filter((f) => f.status === 'baselined').length;
  const parts = [list.length ? ` (${countsByRule(list)})` : ''];
  const extra = [baselined ? `${baselined} by the baseline` : '', noReason ? `${noReason} with no reason given` : ''].filter(Boolean).join(', ');
  return `Suppressed: ${n}${parts.join('')}${extra ? `; ${extra}` : ''}${showSuppressed || !list.length ? '' : ' — --show-suppressed lists them'}`;
}

/**
 * One line on the findings the reasoning layer dismissed, counted by verdict
 * (`3 findings dismissed by triage (constant: 2, sanitised: 1) — --show-dismissed lists them.`), or null.
 */
export function dismissedLine(report: Report): string | null {
  const d = report.dismissed ?? [];
  if (!d.length) return null;
  const by = new Map<string, number>();
  for (const f of d) by.set(f.verdict?.kind ?? 'unknown', (by.get(f.verdict?.kind ?? 'unknown') ?? 0) + 1);
  const parts = [...by.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  return `${d.length} finding${d.length === 1 ? '' : 's'} dismissed by triage (${parts.join(', ')}) — --show-dismissed lists them.`;
}

/** What decided the exit code, in one line. */
export function exitLine(report: Report, failOn: Severity | 'none' = 'low', exitZero = false): string {
  if (exitZero) return 'Exit code 0 (--exit-zero)';
  if (failOn === 'none') return 'Exit code 0 (--fail-on none)';
  const failing = report.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  if (!failing.length) return `Exit code 0: no finding at or above --fail-on ${failOn}`;
  return `Exit code 1: ${plural(failing.length, 'finding')} at or above --fail-on ${failOn} (${countsBySeverity(failing)})`;
}

/** The summary block: the last lines of the text report (and all of `--summary-only`). */
export function summaryLines(report: Report, opts: SummaryOptions & { score?: Score; color: boolean }): string[] {
  const c = createColors(opts.color);
  const out = [c.bold('SUMMARY')];
  if (opts.score) out.push(`OVERALL SCORE: ${Number.isInteger(opts.score.total) ? opts.score.total : opts.score.total.toFixed(1)}/${opts.score.max}  (risk level: ${opts.score.riskLevel})`);
  out.push(`Findings: ${report.findings.length}${report.findings.length ? ` — ${countsBySeverity(report.findings)}` : ''}`);
  if (report.metrics?.testing) out.push(`Quality & Testing: ${testingOverview(report, terminalSafe)}`);
  if (report.metrics?.hotspots) out.push(`Performance: ${performanceOverview(report, terminalSafe)}`);
  const fixable = fixableLine(report.findings);
  if (fixable) out.push(fixable);
  const sup = suppressedLine(report, opts.showSuppressed);
  if (sup) out.push(sup);
  const dis = dismissedLine(report);
  if (dis) out.push(dis);
  const adv = advisoryDataLine(report, opts.now);
  if (adv && /WARNING/.test(adv)) out.push(adv);
  out.push(exitLine(report, opts.failOn, opts.exitZero));
  return out;
}
