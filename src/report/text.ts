/**
 * The terminal report (`--format text`, the default): the layout of
 * `check-python-security-command.md` ("PYTHON SECURITY AUDIT"), then every finding with
 * its snippet and fix, then skipped files and diagnostics. The guard outputs
 * `NO_ACTIONABLE_INPUT` and `NO_SECURITY_ISSUES` come from
 * `python-security-analysis-assistant.md`.
 */
import { createColors } from 'picocolors';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { wrapToWidth } from './terminal.js';
import { terminalSafe, terminalSafeBlock } from '../core/text.js';
import { advisoryDataLine, summaryLines, type SummaryOptions } from './summary.js';
export { dismissedLine } from './summary.js';
import { fixCommand } from './fix-notes.js';
export { fixCommand } from './fix-notes.js';
import { computeScore } from './score.js';
import { renderEgress } from './egress-text.js';
import { renderEnvironments } from './environment-text.js';
import { renderStatsSummary } from './stats-text.js';
import type { Score, ScoreCount } from './score-types.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions extends SummaryOptions {
  /** ANSI colours (the CLI passes `true` only on a TTY without NO_COLOR). */
  color: boolean;
  /** Full data-flow traces and finding properties, and the context lines of every snippet. */
  verbose?: boolean;
  /** List the dismissed findings instead of counting them. */
  showDismissed?: boolean;
  /** Wrap lines to this many columns (the CLI passes the terminal's width on a TTY). */
  width?: number;
  /** List the suppressed and baselined findings (`--show-suppressed`). */
  showSuppressed?: boolean;
  /** Print only the summary (`--summary-only`). */
  summaryOnly?: boolean;
}


/**
 * PACKAGE VERDICTS: one line per package with malicious-package indicators (risk, name,
 * version, where, which rules), then how many packages had none.
 */
function renderPackageVerdicts(report: Report, c: Colors): string[] {
  const pk = report.packages ?? [];
  const flagged = pk.filter((p) => p.risk !== 'none');
  const out = [c.bold(`PACKAGE VERDICTS (${pk.length} package${pk.length === 1 ? '' : 's'}):`)];
  for (const p of flagged.slice(0, 20)) {
    const risk = p.risk === 'low' || p.risk === 'medium' || p.risk === 'high' || p.risk === 'critical' ? paintSeverity(c, p.risk, p.risk.toUpperCase()) : p.risk;
    const squat = p.typosquatOf ? ` (name imitates '${terminalSafe(p.typosquatOf)}')` : '';
    out.push(`- ${risk}  ${terminalSafe(p.name)}${p.version ? ` ${terminalSafe(p.version)}` : ''} (${terminalSafe(p.root)})${squat}: ${p.indicators.length} indicator${p.indicators.length === 1 ? '' : 's'}, ${p.indicatorRules.join(', ')}`);
  }
  if (flagged.length > 20) out.push(`  … and ${flagged.length - 20} more (see the JSON report)`);
  const clean = pk.length - flagged.length;
  out.push(flagged.length ? `${clean} package${clean === 1 ? '' : 's'} without malicious-package indicators.` : '- No malicious-package indicators.');
  return out;
}

function paintSeverity(c: Colors, s: Severity, text: string): string {
  switch (s) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    default:
      return c.dim(text);
  }
}

function fmtPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function countLine(c: ScoreCount): string {
  const v = typeof c.value === 'boolean' ? (c.value ? '✅' : '❌') : String(c.value);
  return `${c.label}: ${v}${c.note ? ` (${c.note})` : ''}`;
}

function scopeLine(report: Report): string {
  const targets = report.targets.length ? report.targets.map(terminalSafe).join(', ') : '.';
  const parts = [
    `${report.files.length} file${report.files.length === 1 ? '' : 's'} analysed`,
    `${report.skipped.length} skipped`,
  ];
  if (report.suppressedCount) parts.push(`${report.suppressedCount} finding${report.suppressedCount === 1 ? '' : 's'} suppressed`);
  const secs = (report.durationMs / 1000).toFixed(1);
  return [`Scope: ${targets} — ${parts.join(', ')} (krait ${terminalSafe(report.tool.version)}, ${secs} s)`, ...fetchedLines(report)].join('\n');
}

/** One line per package fetched from an index (`pypi:` targets): release, page, files, hash check. */
function fetchedLines(report: Report): string[] {
  return (report.fetched ?? []).map((p) => {
    const form = p.format === 'json' ? 'PEP 691 JSON' : 'PEP 503 HTML';
    const yanked = p.yanked === undefined ? '' : `; yanked${p.yanked ? `: ${p.yanked}` : ''}`;
    const files = p.files.map((f) => f.filename).join(', ');
    return terminalSafe(`Fetched: ${p.name} ${p.version} from ${p.index} (${form}${yanked}) — ${files} (sha256 checked)`);
  });
}

/**
 * The snippet indented, the flagged lines marked with `>`. Context lines are shown for
 * critical and high findings (and all of them when `context`); the others show only the
 * flagged lines, so a long report stays readable.
 */
function renderSnippet(f: Finding, c: Colors, context: boolean): string[] {
  if (!f.snippet) return [];
  const out: string[] = [];
  for (const line of f.snippet.split('\n')) {
    const m = /^\s*(\d+) /.exec(line);
    const n = m ? Number(m[1]) : NaN;
    const flagged = n >= f.location.startLine && n <= f.location.endLine;
    const text = terminalSafe(line);
    if (flagged) out.push(`  ${c.bold('>')} ${text}`);
    else if (context) out.push(`    ${c.dim(text)}`);
  }
  return out;
}

/**
 * One finding: `path:line:col  SEVERITY/confidence  RULEID rule-name  CWE-n  [distribution version]`, message,
 * snippet, fix. `number` prefixes the head (`#3 `) so summary sections can point to it;
 * `fixSeenAt` is the number of an earlier finding with the same fix text, printed as a
 * pointer instead of the text again.
 */
export function renderFindingText(f: Finding, c: Colors, verbose = false, number?: number, fixSeenAt?: number): string {
  const l = f.location;
  const head = [
    (number !== undefined ? c.dim(`#${number} `) : '') + c.bold(`${terminalSafe(l.path)}:${l.startLine}:${l.startColumn + 1}`),
    paintSeverity(c, f.severity, `${f.severity.toUpperCase()}/${f.confidence}`),
    `${c.bold(terminalSafe(f.ruleId))} ${terminalSafe(f.ruleName)}`,
    f.cwe.length ? f.cwe.map((n) => `CWE-${n}`).join(',') : '',
    // Environment mode: the installed distribution the file belongs to.
    f.distribution ? c.dim(`[${terminalSafe(f.distribution.name)} ${terminalSafe(f.distribution.version)}]`) : '',
  ]
    .filter(Boolean)
    .join('  ');
  const out = [head, `  ${terminalSafe(f.message)}`, ...renderSnippet(f, c, verbose || severityRank(f.severity) >= severityRank('high'))];
  if (f.verdict) out.push(`  ${c.bold('Verdict:')} ${f.verdict.kind}${f.status === 'dismissed' ? ' (dismissed)' : ''} — ${terminalSafe(f.verdict.reason)}${f.relatedRuleIds?.length ? ` [also ${f.relatedRuleIds.map(terminalSafe).join(', ')}]` : ''}`);
  if (f.suppression) {
    const s = f.suppression;
    const how = s.by === 'baseline' ? 'in the baseline' : s.by === 'allowlist' ? 'by the allowlist' : `by ${terminalSafe(s.comment ?? '# ' + s.by)}`;
    out.push(`  ${c.dim(`Suppressed ${how}${s.justification ? '' : s.comment ? ' (no reason given)' : ''}`)}`);
  }
  if (f.fix && fixSeenAt !== undefined) out.push(`  ${c.green('Fix:')} as for #${fixSeenAt}`);
  else if (f.fix) out.push(`  ${c.green('Fix:')} ${indentRest(terminalSafeBlock(f.fix), '       ')}`);
  if (f.autofix) out.push(`  ${c.green('Fix available:')} ${terminalSafe(f.autofix.description)} (${terminalSafe(fixCommand(f))})`);
  if (f.trace?.length) {
    if (verbose) {
      out.push('  Trace:');
      for (const s of f.trace) {
        out.push(`    ${s.kind.padEnd(6)} ${terminalSafe(s.location.path)}:${s.location.startLine}:${s.location.startColumn + 1}  ${terminalSafe(s.message)}`);
      }
    } else {
      out.push(`  Trace: ${f.trace.map((s) => `${s.kind === 'step' ? '' : s.kind + ' '}${terminalSafe(s.location.path)}:${s.location.startLine}`).join(' → ')}`);
    }
  }
  if (verbose && f.properties && Object.keys(f.properties).length) {
    out.push(`  Properties: ${terminalSafe(JSON.stringify(f.properties))}`);
  }
  if (verbose) out.push(c.dim(`  Fingerprint: ${f.fingerprint}`));
  return out.join('\n');
}


/** Indent every line after the first (multi-line fixes under their label). */
function indentRest(text: string, pad: string): string {
  return text.replace(/\n/g, '\n' + pad);
}

function listSection(title: string, items: string[]): string[] {
  return [title, ...(items.length ? items.map((i) => `- ${i}`) : ['- None'])];
}

/** Skipped paths shown per reason in the terminal report. */
const SKIPPED_SHOWN = 10;

function skippedAndDiagnostics(report: Report, c: Colors): string[] {
  const out: string[] = [];
  if (report.skipped.length) {
    out.push('', c.bold(`SKIPPED FILES (${report.skipped.length}):`));
    // Grouped by reason, a few paths each: a big tree can skip thousands of data files.
    // Every one is listed in --format json/html.
    const byReason = new Map<string, string[]>();
    for (const s of report.skipped) {
      let list = byReason.get(s.reason);
      if (!list) byReason.set(s.reason, (list = []));
      list.push(s.path);
    }
    for (const [reason, paths] of byReason) {
      if (paths.length <= SKIPPED_SHOWN) {
        for (const p of paths) out.push(`- ${terminalSafe(p)}: ${terminalSafe(reason)}`);
        continue;
      }
      out.push(`- ${paths.length} files: ${terminalSafe(reason)}`);
      for (const p of paths.slice(0, SKIPPED_SHOWN)) out.push(`    ${terminalSafe(p)}`);
      out.push(`    … ${paths.length - SKIPPED_SHOWN} more (all of them in --format json)`);
    }
  }
  if (report.diagnostics.length) {
    out.push('', c.bold(`DIAGNOSTICS (${report.diagnostics.length}):`));
    for (const d of report.diagnostics) {
      out.push(`- ${terminalSafe(d.path)}${d.line ? `:${d.line}` : ''}  ${d.kind}  ${terminalSafe(d.message)}`);
    }
  }
  return out;
}

/**
 * Render the terminal report. Returns the text (ending with a newline); colours only
 * when `opts.color`; lines wrapped to `opts.width` when given. Uses `report.score` when
 * present, else computes it. Each finding is printed once, numbered; the summary sections
 * above point to the numbers, and the report ends with the summary (score, counts, what
 * failed the exit code, suppressed and dismissed counts).
 */
/** The dismissed findings when `--show-dismissed` asks for them (the summary counts them otherwise). */
function dismissedSection(report: Report, c: Colors, opts: TextOptions): string[] {
  const out: string[] = [];
  if (!opts.showDismissed || !report.dismissed?.length) return out;
  out.push('', c.bold(`DISMISSED (${report.dismissed.length}):`), '');
  for (const f of report.dismissed) out.push(renderFindingText(f, c, opts.verbose), '');
  return out;
}

export function renderText(report: Report, opts: TextOptions): string {
  return wrapToWidth(renderTextLines(report, opts).join('\n').replace(/\n+$/, '') + '\n', opts.width);
}

function renderTextLines(report: Report, opts: TextOptions): string[] {
  const c = createColors(opts.color);
  const score: Score = report.score ?? computeScore(report);
  const summary = () => ['', ...summaryLines(report, { ...opts, score, color: opts.color })];
  if (opts.summaryOnly) return summaryLines(report, { ...opts, score, color: opts.color });

  if (report.files.length === 0 && report.findings.length === 0) {
    return [
      c.bold('NO_ACTIONABLE_INPUT'),
      '',
      'Please provide Python code or dependencies to analyze:',
      '- Source files',
      '- requirements.txt / pyproject.toml',
      '',
      `Nothing krait can analyse was found in: ${report.targets.length ? report.targets.map(terminalSafe).join(', ') : '(no paths given)'}`,
      ...skippedAndDiagnostics(report, c),
    ];
  }

  const advisory = advisoryDataLine(report, opts.now);
  if (report.findings.length === 0) {
    const checks = report.checksPerformed.length ? report.checksPerformed : ['(no checks reported)'];
    return [
      c.bold('NO_SECURITY_ISSUES'),
      '',
      `${c.green('✅')} Security scan complete — no vulnerabilities detected.`,
      '',
      'Checks performed:',
      ...checks.map((k) => `- ${terminalSafe(k)}: ✓`),
      '',
      'Code appears secure for the analyzed scope.',
      '',
      scopeLine(report),
      ...(advisory ? [advisory] : []),
      `OVERALL SCORE: ${fmtPoints(score.total)}/${score.max}`,
      ...score.categories.filter((k) => k.status.startsWith('Not assessed')).map((k) => `${k.title}: ${k.status}`),
      ...suppressedList(report, c, opts),
      ...dismissedSection(report, c, opts),
      ...skippedAndDiagnostics(report, c),
      ...summary(),
    ];
  }

  // Numbers of the findings, so that summary sections can point to them. Several findings
  // of one rule can share a line (two advisories of one requirement): each summary entry
  // takes the next number of its place, so no number is listed twice.
  const numbersAt = new Map<string, number[]>();
  report.findings.forEach((f, i) => {
    const key = `${f.location.path}\u0000${f.location.startLine}\u0000${f.ruleId}`;
    const list = numbersAt.get(key) ?? [];
    list.push(i + 1);
    numbersAt.set(key, list);
  });
  const taken = new Map<string, number>();
  const numberAt = (path: string, line: number, ruleId: string): number | undefined => {
    const key = `${path}\u0000${line}\u0000${ruleId}`;
    const list = numbersAt.get(key);
    if (!list?.length) return undefined;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    return list[Math.min(k, list.length - 1)];
  };
  const firstNumberAt = (path: string, line: number, ruleId: string): number | undefined => numbersAt.get(`${path}\u0000${line}\u0000${ruleId}`)?.[0];

  const out: string[] = [];
  out.push(c.bold('PYTHON SECURITY AUDIT'), '================================', scopeLine(report));
  if (advisory) out.push(advisory);
  out.push('');
  const totalText = `${fmtPoints(score.total)}/${score.max}`;
  const pct = score.total / score.max;
  out.push(`${c.bold('OVERALL SCORE:')} ${c.bold(pct >= 0.8 ? c.green(totalText) : pct >= 0.5 ? c.yellow(totalText) : c.red(totalText))}  (risk level: ${score.riskLevel})`, '');
  out.push(...listSection(c.bold('STRENGTHS:'), score.strengths.map(terminalSafe)), '');
  out.push(...listSection(c.bold('IMPROVEMENTS:'), score.improvements.map(terminalSafe)), '');

  const criticalNumbers = score.critical.map((k) => numberAt(k.path, k.line, k.ruleId));
  const byRule = new Map<string, { sev: Severity; name: string; where: string[] }>();
  for (const [i, k] of score.critical.entries()) {
    const g = byRule.get(k.ruleId) ?? { sev: k.severity, name: k.ruleName, where: [] };
    const n = criticalNumbers[i];
    // Findings of one place (two advisories of one requirement) share its entry: `#1, #2 requirements.txt:4`.
    const place = `${terminalSafe(k.path)}:${k.line}`;
    const last = g.where.length ? g.where[g.where.length - 1] : '';
    if (n !== undefined && last.endsWith(` ${place}`) && last.startsWith('#')) g.where[g.where.length - 1] = `${last.slice(0, -place.length - 1)}, #${n} ${place}`;
    else g.where.push(`${n !== undefined ? `#${n} ` : ''}${place}`);
    byRule.set(k.ruleId, g);
  }
  out.push(
    ...listSection(
      c.bold('CRITICAL ISSUES:'),
      [...byRule.entries()].map(([id, g]) => {
        const places = g.where.length > 3 ? `${g.where.slice(0, 3).join(', ')} +${g.where.length - 3} more` : g.where.join(', ');
        return `${paintSeverity(c, g.sev, `[${g.sev.toUpperCase()}]`)} ${terminalSafe(id)} ${terminalSafe(g.name)} — ${places}`;
      }),
    ),
    '',
  );

  out.push(c.bold('DETAILS BY CATEGORY:'), '');
  score.categories.forEach((k, i) => {
    out.push(`${i + 1}. ${c.bold(k.title)} (${fmtPoints(k.points)}/${k.max})`);
    out.push(`   Status: ${k.status}`);
    for (const cnt of k.counts) out.push(`   ${countLine(cnt)}`);
    out.push('');
  });

  // Each critical/high finding is printed once, under FINDINGS; this section points there.
  out.push(c.bold('CRITICAL VULNERABILITIES:'));
  if (score.critical.length === 0) out.push('- None');
  else {
    const nums = criticalNumbers.filter((n): n is number => n !== undefined);
    const crit = score.critical.filter((k) => k.severity === 'critical').length;
    const range = nums.length ? ` (${ranges(nums)})` : '';
    out.push(`- ${crit} critical and ${score.critical.length - crit} high: listed first under FINDINGS below${range}, each with its code and fix`);
  }
  out.push('');

  out.push(c.bold('TOP 3 PRIORITY ACTIONS:'));
  score.actions.forEach((a, i) => {
    // Point to the finding the action names (printed once, under FINDINGS).
    const m = a.where && a.ruleId ? /^(.*):(\d+)$/.exec(a.where) : null;
    const n = m ? firstNumberAt(m[1], Number(m[2]), a.ruleId!) : undefined;
    out.push(`${i + 1}. ${terminalSafe(a.text)}${a.where ? ` (${n !== undefined ? `#${n} ` : ''}${terminalSafe(a.where)})` : ''} - ${a.priority}`);
  });
  out.push('');

  if (report.egress) out.push(renderEgress(report.egress, { color: opts.color, maxFiles: 10 }), '');
  if (report.packages?.length) out.push(...renderPackageVerdicts(report, c), '');
  if (report.environments?.length) out.push(...renderEnvironments(report));
  if (report.metrics) {
    const quality = report.findings.filter((f) => f.category === 'quality').length;
    out.push(renderStatsSummary(report.metrics, quality, { color: opts.color }), '');
  }

  out.push(c.bold(`FINDINGS (${report.findings.length}):`), '');
  out.push(...findingBlocks(report.findings, c, opts.verbose));
  out.push(...suppressedList(report, c, opts));
  out.push(...dismissedSection(report, c, opts));
  out.push(...skippedAndDiagnostics(report, c));
  out.push(...summary());
  return out;
}

/** Findings, numbered from 1, each followed by a blank line; a fix already printed is pointed to. */
function findingBlocks(findings: readonly Finding[], c: Colors, verbose = false, from = 1): string[] {
  const out: string[] = [];
  const fixAt = new Map<string, number>();
  findings.forEach((f, i) => {
    const n = from + i;
    const key = f.fix ? `${f.ruleId}\u0000${f.fix}` : '';
    const seen = key && !verbose ? fixAt.get(key) : undefined;
    if (key && !fixAt.has(key)) fixAt.set(key, n);
    out.push(renderFindingText(f, c, verbose, n, seen), '');
  });
  return out;
}

/** `1–4, 7, 9–10` from sorted numbers. */
function ranges(nums: number[]): string {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `#${sorted[i]}` : `#${sorted[i]}–#${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The suppressed and baselined findings, when `--show-suppressed` asks for them. */
function suppressedList(report: Report, c: Colors, opts: TextOptions): string[] {
  const list = report.suppressed ?? [];
  if (!opts.showSuppressed || !list.length) return [];
  return [c.bold(`SUPPRESSED (${list.length}):`), '', ...findingBlocks(list, c, opts.verbose, report.findings.length + 1)];
}

/**
 * The findings of one analysis and a one-line summary, for the commands that run one
 * analysis (`krait secrets`): no score and no verdict about checks that did not run.
 * `what` names the findings (`secret`), `checks` what was looked for.
 */
export function renderAnalysisText(report: Report, opts: TextOptions & { what: string; checks: string; scope?: string }): string {
  const c = createColors(opts.color);
  const out: string[] = [];
  if (!opts.summaryOnly) {
    if (report.findings.length) out.push(...findingBlocks(report.findings, c, opts.verbose));
    out.push(...suppressedList(report, c, opts));
    // Skipped files are listed by the full report (and --format json); diagnostics matter here.
    out.push(...skippedAndDiagnostics({ ...report, skipped: opts.verbose ? report.skipped : [] }, c).slice(out.length ? 0 : 1));
    if (out.length && out[out.length - 1] !== '') out.push('');
  }
  out.push(analysisSummary(report, opts.what, opts.checks, opts, opts.scope));
  return wrapToWidth(out.join('\n').replace(/\n+$/, '') + '\n', opts.width);
}

/** `3 secrets (1 critical, 2 high) in 12 files; 1 suppressed` — or what was checked when nothing was found. */
function analysisSummary(report: Report, what: string, checks: string, opts: TextOptions, scope?: string): string {
  const n = report.findings.length;
  const files = scope ?? `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  const bySev = SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const).filter(([, k]) => k > 0);
  const sup = report.suppressedCount ? `; ${report.suppressedCount} suppressed${opts.showSuppressed ? '' : ' (--show-suppressed lists them)'}` : '';
  if (!n) return `No ${what}s found (${files}; checked: ${checks})${sup}.`;
  return `${n} ${what}${n === 1 ? '' : 's'} (${bySev.map(([s, k]) => `${k} ${s}`).join(', ')}; ${files})${sup}.`;
}
