/**
 * The Markdown deliverables of `python-security-analysis-assistant.md` ("Report Format"):
 * `security-analysis-YYYY-MM-DD.md` (Overview, Summary, Findings Summary, Prioritized
 * Action Items, Success Metrics) and a folder `security-analysis-YYYY-MM-DD/` with one
 * `finding-NNN-<slug>.md` per finding (issue description, location, current state,
 * recommended solution, why this helps, implementation steps, testing recommendations).
 */
import { fixCommand } from './fix-notes.js';
import { environmentLines } from './environment-text.js';
import { terminalSafe, terminalSafeBlock } from '../core/text.js';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { ensureRealDir, refuseLink, writeFileSafely } from '../core/safe-write.js';
import { join } from 'node:path';
import { compareFindings, SEVERITIES } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import type { Report } from './model.js';
import { computeScore, scoreCategoryOf, SCORE_CATEGORIES } from './score.js';
import { ruleFor, cweUrl, noRules, insteadFor } from './rules.js';
import type { RuleLookup } from './rules.js';
import type { Score } from './score-types.js';
import { advisoryAgeText, advisoryDataAge } from './summary.js';
import { performanceOverview, testingOverview } from './overview.js';

/** `YYYY-MM-DD` of a date, in local time (the day the reader sees on the calendar). */
export function isoDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export { MARKDOWN_ENTRY } from './markdown-entry.js';
const FINDING_FILE = /^finding-\d{3,}-[a-z0-9-]*\.md$/;

/** A file-name slug: lowercase ASCII letters, digits and single dashes, at most 48 characters. */
export function slugify(s: string): string {
  const slug = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'finding';
}

/**
 * Escape audited text for Markdown prose: HTML is shown, not interpreted (`<` `>` `&`);
 * Markdown punctuation that could make links, images, emphasis, tables, math or
 * footnotes is backslashed; bare URLs (`https://`, `www.`) are broken so that GFM does
 * not turn them into links (`@` is backslashed too; GitHub may still show an e-mail
 * address as a mailto link whose text is the address itself); a list marker or indentation at the
 * start cannot make a list or a code block. Newlines become spaces, and other control
 * characters and bidirectional overrides are shown as escapes (`\x1b`, `\u202e`), as in
 * the terminal.
 */
export function mdText(s: string): string {
  return terminalSafe(String(s).replace(/\r?\n|\r/g, ' '))
    .replace(/^\s+/, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~$@=-])/g, '\\$1')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\d+)([.])/, '$1\\$2');
}

/**
 * An inline code span that holds any text (backtick fence longer than any run inside);
 * newlines become spaces, control characters and bidi overrides are shown as escapes.
 */
export function mdCode(s: string): string {
  const t = terminalSafe(String(s).replace(/\r?\n|\r/g, ' '));
  if (!t) return '` `'; // two backticks alone would be text, not an (empty) code span
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${f}${pad}${t}${pad}${f}`;
}

/**
 * A fenced code block that holds any text: the fence is longer than any backtick run
 * inside, so no line of the text can close it; control characters (tab and newline
 * kept) and bidi overrides are shown as escapes.
 */
export function mdBlock(s: string, lang = ''): string {
  const t = terminalSafeBlock(String(s).replace(/\r\n?/g, '\n'));
  const longest = Math.max(2, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${t}\n${f}`;
}

function langOf(path: string): string {
  if (/\.pyi?$/.test(path)) return 'python';
  if (/requirements.*\.txt$|\.txt$/.test(path)) return 'text';
  if (/\.toml$/.test(path)) return 'toml';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/Dockerfile/i.test(path)) return 'dockerfile';
  if (/\.json$|\.ipynb$/.test(path)) return 'json';
  return '';
}

function titleOf(f: Finding): string {
  return `${f.ruleId} ${(f.ruleName || 'finding').replace(/[-_]+/g, ' ')}`;
}

interface Entry {
  n: number;
  file: string;
  finding: Finding;
}

/** The file names of each finding, in report order (`finding-001-<rule-name>.md`…). */
export function findingFileNames(findings: readonly Finding[]): string[] {
  const width = Math.max(3, String(findings.length).length);
  return findings.map((f, i) => `finding-${String(i + 1).padStart(width, '0')}-${slugify(f.ruleName || f.ruleId)}.md`);
}

/** The advisory data's date and age as an overview item (a warning when stale); none when dependencies were not audited. */
function advisoryMarkdown(report: Report): string[] {
  const age = advisoryDataAge(report);
  if (!age) return [];
  return [`- **Advisory Data**: ${mdText(age.source)} ${advisoryAgeText(age)}, ${age.advisories} advisories`];
}

function summaryMarkdown(report: Report, score: Score, entries: Entry[], folder: string): string {
  const findings = entries.map((e) => e.finding);
  const count = (pred: (f: Finding) => boolean): number => findings.filter(pred).length;
  const crit = count((f) => f.severity === 'critical');
  const high = count((f) => f.severity === 'high');
  const pythonFiles = report.files.filter((f) => f.kind === 'python' || f.kind === 'notebook').length;
  const scope = report.targets.length ? report.targets.map(mdCode).join(', ') : mdCode('.');
  const recommended =
    crit > 0
      ? `Fix the ${crit} critical issue${crit === 1 ? '' : 's'} immediately, then the ${high} high-severity one${high === 1 ? '' : 's'}.`
      : high > 0
        ? `Fix the ${high} high-severity issue${high === 1 ? '' : 's'} before the next release.`
        : findings.length > 0
          ? 'No critical or high issues: schedule the medium and low fixes.'
          : 'Nothing to fix: keep krait in CI to stay there.';
  const security = findings.filter((f) => f.category !== 'quality');
  const quality = findings.filter((f) => f.category === 'quality');
  const bySev = SEVERITIES.map((s) => `${count((f) => f.severity === s)} ${s}`).join(', ');

  const lines: string[] = [
    '# Security Analysis',
    '',
    '## Overview',
    `- **Scope**: ${scope} (${report.files.length} files analysed: ${pythonFiles} Python, ${report.files.length - pythonFiles} other; ${report.skipped.length} skipped)`,
    `- **Files Analyzed**: ${report.files.length}`,
    `- **Critical Issues**: ${crit}`,
    `- **High Priority Items**: ${high}`,
    `- **Recommended Priority**: ${recommended}`,
    `- **Overall Score**: ${score.total}/${score.max} (risk level: ${score.riskLevel})`,
    ...advisoryMarkdown(report),
    '',
    '## Summary',
    findings.length === 0
      ? `krait found no security issues in the analysed scope (${report.checksPerformed.map(mdText).join(', ') || 'no checks reported'}).`
      : `krait found ${findings.length} issue${findings.length === 1 ? '' : 's'} (${bySev}) in ${new Set(findings.map((f) => f.location.path)).size} files. ` +
        `The score is ${score.total}/${score.max}. ${recommended} Each finding has its own file in ${mdCode(folder + '/')} with the current code, the fix, and how to test it.`,
    '',
    '## Findings Summary',
    `- Security: ${security.length} finding${security.length === 1 ? '' : 's'} (${SCORE_CATEGORIES.map((c) => `${c.title.toLowerCase()} ${security.filter((f) => scoreCategoryOf(f.category) === c.id).length}`).join(', ')})`,
    `- Performance: ${performanceOverview(report, mdCode)}`,
    `- Code Quality: ${quality.length} finding${quality.length === 1 ? '' : 's'}`,
    `- Quality & Testing: ${testingOverview(report, mdCode)}`,
    '',
    `## Score: ${score.total}/${score.max}`,
    '',
    '| Category | Points | Status |',
    '|---|---|---|',
    ...score.categories.map((c) => `| ${c.title} | ${c.points}/${c.max} | ${mdText(c.status)} |`),
    '',
    ...(report.environments ?? []).flatMap((e) => ['## Installed environment', '', ...environmentLines(e, mdText), '']),
    '## Prioritized Action Items',
  ];
  if (entries.length === 0) lines.push('1. No action needed: no findings.');
  entries.forEach((e, i) => {
    const f = e.finding;
    lines.push(
      `${i + 1}. **${f.severity.toUpperCase()}** [${mdText(titleOf(f))}](${encodeURI(`${folder}/${e.file}`)}) — ${mdCode(`${f.location.path}:${f.location.startLine}`)}: ${mdText(f.message)}`,
    );
  });
  lines.push(
    '',
    '## Success Metrics',
    '- Security: Zero critical vulnerabilities',
    '- Security: Zero hardcoded secrets',
    `- Score: ${score.max}/${score.max} (now ${score.total}/${score.max})`,
    '- Quality: Linting passes, complexity reduced',
    '- Performance: Response times within targets',
    '- Testing: 80%+ coverage for critical paths',
    '',
  );
  return lines.join('\n');
}

/** "Impact and proof of concept" for a data-flow finding reachable from a route or CLI entry point. */
function proofMarkdown(f: Finding): string[] {
  const p = f.proof!;
  return [
    '## Impact and proof of concept',
    mdText(p.impact),
    '',
    p.kind === 'http'
      ? `- **Route**: ${mdCode(`${p.method} ${p.path}`)} — parameter ${mdCode(p.parameter)} (${p.in}) reaches the sink`
      : `- **Entry point**: ${mdCode(p.path)} — ${mdCode(p.parameter)} reaches the sink`,
    `- **Payload** (${mdText('for this sink kind')}): ${mdCode(p.payload)}`,
    '',
    'A request that demonstrates it, against a local test instance only (krait never sends it):',
    mdBlock(p.request, 'sh'),
    '',
  ];
}

function findingMarkdown(e: Entry, total: number, summaryFile: string, lookup: RuleLookup): string {
  const f = e.finding;
  const meta = ruleFor(f, lookup);
  const d = meta.docs;
  const l = f.location;
  const lang = langOf(l.path);
  const refs = [...new Set([...d.references, ...f.cwe.map(cweUrl)])];
  const lines: string[] = [
    `# Finding ${String(e.n).padStart(3, '0')}: ${mdText(titleOf(f))}`,
    '',
    `- **Severity**: ${f.severity} (confidence: ${f.confidence})`,
    `- **Rule**: ${mdCode(f.ruleId)} ${mdCode(f.ruleName)}`,
    `- **Category**: ${f.category}`,
    `- **CWE**: ${f.cwe.length ? f.cwe.map((c) => `[CWE-${c}](${cweUrl(c)})`).join(', ') : 'none'}`,
    `- **Fingerprint**: ${mdCode(f.fingerprint)}`,
    ...(f.distribution ? [`- **Distribution**: ${mdText(f.distribution.name)} ${mdText(f.distribution.version)}`] : []),
    ...(f.autofix ? [`- **Fix available**: ${mdText(f.autofix.description)} — ${mdCode(fixCommand(f))}${f.autofix.safety === 'unsafe' ? ' (unsafe: behaviour may change, review the diff)' : ''}${f.autofix.minPython ? `; needs Python ${f.autofix.minPython}+` : ''}`] : []),
    `- Finding ${e.n} of ${total} — back to the [summary](../${encodeURI(summaryFile)})`,
    '',
    '## Issue description',
    mdText(f.message),
    '',
  ];
  if (d.what) lines.push(mdText(d.what), '');
  lines.push('## Location', `${mdCode(`${l.path}:${l.startLine}:${l.startColumn + 1}`)}${l.endLine > l.startLine ? ` to line ${l.endLine}` : ''}`, '');
  if (f.trace?.length) {
    lines.push('Data flow, from source to sink:', '');
    f.trace.forEach((s, i) => lines.push(`${i + 1}. ${s.kind}: ${mdCode(`${s.location.path}:${s.location.startLine}`)} — ${mdText(s.message)}`));
    lines.push('');
  }
  if (f.proof) lines.push(...proofMarkdown(f));
  lines.push('## Current state', mdBlock(f.snippet || '(no snippet)', lang), '');
  lines.push('## Recommended solution');
  if (f.fix) lines.push(mdText(f.fix), '');
  const pv = f.autofix?.preview;
  if (pv) {
    lines.push(`Fix available: ${mdCode(fixCommand(f))} rewrites this code:`, '');
    lines.push('Before:', mdBlock(pv.before, lang), '', 'After:', mdBlock(pv.after, lang), '');
  }
  const instead = insteadFor(f, d.instead);
  if (instead) lines.push(mdBlock(`# Use instead (${f.ruleId})\n${instead}`, 'python'), '');
  if (!f.fix && !instead) lines.push(`See ${mdCode(`krait explain ${f.ruleId}`)} for the safe pattern.`, '');
  lines.push('## Why this helps');
  lines.push(d.why ? mdText(d.why) : `It removes a ${f.severity}-severity weakness${f.cwe.length ? ` (CWE-${f.cwe[0]})` : ''} that krait's rule ${mdCode(f.ruleId)} reports: ${mdText(f.message)}`, '');
  if (refs.length) lines.push('References:', ...refs.map((r) => `- <${r}>`), '');
  lines.push(
    '## Implementation steps',
    `1. Open ${mdCode(`${l.path}:${l.startLine}`)}.`,
    f.fix ? `2. Apply the fix: ${mdText(f.fix)}` : `2. Replace the flagged code with the safe pattern shown above.`,
    `3. Look for the same pattern elsewhere: ${mdCode(`krait scan --format text`)} lists every place rule ${mdCode(f.ruleId)} fires.`,
    '4. If the code is a deliberate, reviewed exception, suppress it on that line with a justification instead: ' + mdCode(`# nosec ${f.ruleId} -- <reason>`),
    '',
    '## Testing recommendations',
    `- Re-run ${mdCode(`krait scan ${l.path}`)}: finding ${mdCode(f.fingerprint)} must be gone.`,
  );
  if (f.category === 'secrets') {
    lines.push('- Rotate the exposed credential: removing it from the code does not un-leak it from history.');
  } else if (f.trace?.length) {
    lines.push(`- Add a test that sends a hostile value through the source (${mdText(f.trace[0].message)}) and asserts it cannot reach the sink.`);
  } else if (f.category === 'dependencies') {
    lines.push('- Reinstall from the updated pins and run the test suite; re-run the dependency audit.');
  } else {
    lines.push('- Add a unit test that covers the changed code path, including a malicious or malformed input.');
  }
  lines.push('- Run the existing test suite to check nothing else broke.', '');
  return lines.join('\n');
}

/** The record, at the end of the summary, of the finding files a run wrote. */
const WRITTEN_MARK = '<!-- krait-written:';

/**
 * Finding files an earlier run wrote into the folder, read from that run's summary (only
 * when the summary is a regular file, not a link); names that are not finding files are ignored.
 */
function writtenBefore(summaryPath: string): string[] {
  try {
    const st = lstatSync(summaryPath);
    if (!st.isFile() || st.size > 16 * 1024 * 1024) return [];
    const text = readFileSync(summaryPath, 'utf8');
    const at = text.lastIndexOf(WRITTEN_MARK);
    if (at < 0) return [];
    const end = text.indexOf('-->', at);
    return text
      .slice(at + WRITTEN_MARK.length, end < 0 ? undefined : end)
      .split(/\s+/)
      .filter((n) => FINDING_FILE.test(n));
  } catch {
    return [];
  }
}

/**
 * Write the Markdown report into `dir` (created when missing): the summary
 * `security-analysis-YYYY-MM-DD.md` and the folder `security-analysis-YYYY-MM-DD/` with
 * one file per finding. The finding files an earlier run of the same day wrote (listed at
 * the end of its summary) are removed first, so the folder matches the report; nothing
 * else is ever deleted, and a symbolic link as the output folder, the day's folder or a
 * report file is refused (an Error naming it). Returns the paths written, summary first. `date`
 * defaults to now. Throws on I/O errors (the caller turns them into one-line messages).
 */
export function writeMarkdown(report: Report, dir: string, date: Date = new Date(), lookupRule: RuleLookup = noRules): string[] {
  const day = isoDay(date);
  const base = `security-analysis-${day}`;
  const folder = join(dir, base);
  const summaryPath = join(dir, `${base}.md`);
  // Writes only where told: no link as the output folder, the day's folder or any file.
  ensureRealDir(dir, 'output folder');
  refuseLink(summaryPath, 'report file');
  ensureRealDir(folder, 'report folder');
  // Remove only the finding files the earlier run of the day wrote (listed in its summary),
  // and only regular files: never a link, never a file krait did not write.
  for (const name of writtenBefore(summaryPath)) {
    const p = join(folder, name);
    try {
      if (lstatSync(p).isFile()) rmSync(p);
    } catch {
      /* already gone */
    }
  }

  const findings = [...report.findings].sort(compareFindings);
  const names = findingFileNames(findings);
  const entries: Entry[] = findings.map((f, i) => ({ n: i + 1, file: names[i], finding: f }));
  const score = report.score ?? computeScore(report);

  const written: string[] = [];
  for (const e of entries) {
    const p = join(folder, e.file);
    writeFileSafely(p, findingMarkdown(e, entries.length, `${base}.md`, lookupRule), 'report file');
    written.push(p);
  }
  const record = `\n${WRITTEN_MARK} ${entries.map((e) => e.file).join(' ')} -->\n`;
  writeFileSafely(summaryPath, summaryMarkdown(report, score, entries, base) + record, 'report file');
  return [summaryPath, ...written];
}
