/**
 * The terminal report (`--format text`, the default): the layout of
 * `check-python-security-command.md` ("PYTHON SECURITY AUDIT"), then every finding with
 * its snippet and fix, then skipped files and diagnostics. The guard outputs
 * `NO_ACTIONABLE_INPUT` and `NO_SECURITY_ISSUES` come from
 * `python-security-analysis-assistant.md`.
 */
import { createColors } from 'picocolors';
import type { Finding, Severity } from '../findings.js';
import type { Report } from '../model.js';
import { computeScore } from './score.js';
import { renderEgress } from '../egress/render.js';
import { renderStatsSummary } from '../metrics/render.js';
import type { Score, ScoreCount } from './score-types.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  /** ANSI colours (the CLI passes `true` only on a TTY without NO_COLOR). */
  color: boolean;
  /** Full data-flow traces and finding properties. */
  verbose?: boolean;
  /** List the dismissed findings instead of counting them. */
  showDismissed?: boolean;
}

/**
 * Make audited text safe for a terminal: control characters (ESC and the other C0/C1
 * codes except tab and newline) and bidirectional overrides (Trojan Source, CVE-2021-42574)
 * are shown as `\u{…}` escapes, so a scanned file cannot move the cursor, recolour the
 * terminal or reorder what the reader sees.
 */
export function terminalSafe(s: string): string {
  return String(s).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
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
  return `Scope: ${targets} — ${parts.join(', ')} (krait ${terminalSafe(report.tool.version)}, ${secs} s)`;
}

/** The snippet indented, the flagged lines marked with `>`. */
function renderSnippet(f: Finding, c: Colors): string[] {
  if (!f.snippet) return [];
  return f.snippet.split('\n').map((line) => {
    const m = /^\s*(\d+) /.exec(line);
    const n = m ? Number(m[1]) : NaN;
    const flagged = n >= f.location.startLine && n <= f.location.endLine;
    const text = terminalSafe(line);
    return flagged ? `  ${c.bold('>')} ${text}` : `    ${c.dim(text)}`;
  });
}

/** One finding: `path:line:col  SEVERITY/confidence  RULEID rule-name  CWE-n`, message, snippet, fix. */
export function renderFindingText(f: Finding, c: Colors, verbose = false): string {
  const l = f.location;
  const head = [
    c.bold(`${terminalSafe(l.path)}:${l.startLine}:${l.startColumn + 1}`),
    paintSeverity(c, f.severity, `${f.severity.toUpperCase()}/${f.confidence}`),
    `${c.bold(terminalSafe(f.ruleId))} ${terminalSafe(f.ruleName)}`,
    f.cwe.length ? f.cwe.map((n) => `CWE-${n}`).join(',') : '',
  ]
    .filter(Boolean)
    .join('  ');
  const out = [head, `  ${terminalSafe(f.message)}`, ...renderSnippet(f, c)];
  if (f.verdict) out.push(`  ${c.bold('Verdict:')} ${f.verdict.kind}${f.status === 'dismissed' ? ' (dismissed)' : ''} — ${terminalSafe(f.verdict.reason)}${f.relatedRuleIds?.length ? ` [also ${f.relatedRuleIds.map(terminalSafe).join(', ')}]` : ''}`);
  if (f.fix) out.push(`  ${c.green('Fix:')} ${indentRest(terminalSafe(f.fix), '       ')}`);
  if (f.autofix) out.push(`  ${c.green('Fix available:')} ${terminalSafe(f.autofix.description)} (${fixCommand(f)})`);
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

/** The command that applies a finding's automatic fix. */
export function fixCommand(f: Finding): string {
  return `krait fix${f.autofix?.safety === 'unsafe' ? ' --unsafe-fixes' : ''} --select ${f.ruleId} ${f.location.path}`;
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
 * when `opts.color`. Uses `report.score` when present, else computes it.
 */
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

function dismissedSection(report: Report, c: Colors, opts: TextOptions): string[] {
  const out: string[] = [];
  const line = dismissedLine(report);
  if (!line) return out;
  if (opts.showDismissed) {
    out.push('', c.bold(`DISMISSED (${report.dismissed!.length}):`), '');
    for (const f of report.dismissed!) out.push(renderFindingText(f, c, opts.verbose), '');
  } else out.push(c.dim(line));
  return out;
}

export function renderText(report: Report, opts: TextOptions): string {
  const c = createColors(opts.color);
  const score: Score = report.score ?? computeScore(report);

  if (report.files.length === 0 && report.findings.length === 0) {
    return (
      [
        c.bold('NO_ACTIONABLE_INPUT'),
        '',
        'Please provide Python code or dependencies to analyze:',
        '- Source files',
        '- requirements.txt / pyproject.toml',
        '',
        `Nothing krait can analyse was found in: ${report.targets.length ? report.targets.map(terminalSafe).join(', ') : '(no paths given)'}`,
        ...skippedAndDiagnostics(report, c),
      ].join('\n') + '\n'
    );
  }

  if (report.findings.length === 0) {
    const checks = report.checksPerformed.length ? report.checksPerformed : ['(no checks reported)'];
    return (
      [
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
        `OVERALL SCORE: ${fmtPoints(score.total)}/${score.max}`,
        ...score.categories.filter((k) => k.status.startsWith('Not assessed')).map((k) => `${k.title}: ${k.status}`),
        ...dismissedSection(report, c, opts),
        ...skippedAndDiagnostics(report, c),
      ].join('\n') + '\n'
    );
  }

  const out: string[] = [];
  out.push(c.bold('PYTHON SECURITY AUDIT'), '================================', scopeLine(report), '');
  const totalText = `${fmtPoints(score.total)}/${score.max}`;
  const pct = score.total / score.max;
  out.push(`${c.bold('OVERALL SCORE:')} ${c.bold(pct >= 0.8 ? c.green(totalText) : pct >= 0.5 ? c.yellow(totalText) : c.red(totalText))}  (risk level: ${score.riskLevel})`, '');
  out.push(...listSection(c.bold('STRENGTHS:'), score.strengths.map(terminalSafe)), '');
  out.push(...listSection(c.bold('IMPROVEMENTS:'), score.improvements.map(terminalSafe)), '');

  const byRule = new Map<string, { sev: Severity; name: string; where: string[]; message: string }>();
  for (const k of score.critical) {
    const g = byRule.get(k.ruleId) ?? { sev: k.severity, name: k.ruleName, where: [], message: k.message };
    g.where.push(`${k.path}:${k.line}`);
    byRule.set(k.ruleId, g);
  }
  out.push(
    ...listSection(
      c.bold('CRITICAL ISSUES:'),
      [...byRule.entries()].map(([id, g]) => {
        const places = g.where.length > 3 ? `${g.where.slice(0, 3).join(', ')} +${g.where.length - 3} more` : g.where.join(', ');
        return `${paintSeverity(c, g.sev, `[${g.sev.toUpperCase()}]`)} ${terminalSafe(id)} ${terminalSafe(g.name)} — ${terminalSafe(places)}`;
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

  out.push(c.bold('CRITICAL VULNERABILITIES:'));
  if (score.critical.length === 0) out.push('- None');
  for (const k of score.critical) {
    out.push(`- ${terminalSafe(k.path)}:${k.line}  ${paintSeverity(c, k.severity, k.severity.toUpperCase())}  ${terminalSafe(k.ruleId)} ${terminalSafe(k.ruleName)}: ${terminalSafe(k.message)}`);
    if (k.fix) out.push(`  Fix: ${indentRest(terminalSafe(k.fix), '       ')}`);
  }
  out.push('');

  out.push(c.bold('TOP 3 PRIORITY ACTIONS:'));
  score.actions.forEach((a, i) => {
    out.push(`${i + 1}. ${terminalSafe(a.text)}${a.where ? ` (${terminalSafe(a.where)})` : ''} - ${a.priority}`);
  });
  out.push('');

  if (report.egress) out.push(renderEgress(report.egress, { color: opts.color, maxFiles: 10 }), '');
  if (report.packages?.length) out.push(...renderPackageVerdicts(report, c), '');
  if (report.metrics) {
    const quality = report.findings.filter((f) => f.category === 'quality').length;
    out.push(renderStatsSummary(report.metrics, quality, { color: opts.color }), '');
  }

  out.push(c.bold(`FINDINGS (${report.findings.length}):`), '');
  for (const f of report.findings) out.push(renderFindingText(f, c, opts.verbose), '');
  if (report.suppressedCount) {
    out.push(c.dim(`${report.suppressedCount} finding${report.suppressedCount === 1 ? '' : 's'} suppressed by # nosec / # noqa / allowlists (not shown).`));
  }
  out.push(...dismissedSection(report, c, opts));
  out.push(...skippedAndDiagnostics(report, c));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
