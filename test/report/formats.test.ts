import { describe, expect, it } from 'vitest';
import { renderConcise } from '../../src/report/concise.js';
import { escapeGithubData, escapeGithubProperty, renderGithub } from '../../src/report/github.js';
import { buildGitlab } from '../../src/report/gitlab.js';
import { renderText } from '../../src/report/text.js';
import { advisoryDataLine, exitLine, summaryLines } from '../../src/report/summary.js';
import { wrapToWidth } from '../../src/report/terminal.js';
import { terminalSafe } from '../../src/core/text.js';
import { buildFindings, makeReport } from './make-report.js';
import type { Finding } from '../../src/core/finding.js';

const evil = () =>
  buildFindings([
    { path: 'x\u001b]0;pwn\u0007,:.py', source: 'x = 1\n', line: 1, ruleId: 'B101', ruleName: 'assert-used', category: 'code', severity: 'high', confidence: 'high', cwe: [], message: '50% done\r\nfake line\u202eevil' },
  ]);

describe('concise format', () => {
  it('prints path:line:col: ID [severity] message, one line per finding, then a count', () => {
    const r = makeReport();
    const lines = renderConcise(r).trimEnd().split('\n');
    expect(lines.length).toBe(r.findings.length + 1 + (r.suppressedCount ? 1 : 0));
    for (const [i, f] of r.findings.entries()) {
      expect(lines[i]).toBe(`${f.location.path}:${f.location.startLine}:${f.location.startColumn + 1}: ${f.ruleId} [${f.severity}] ${f.message}`);
    }
    expect(lines[r.findings.length]).toMatch(/^Found 18 findings \(\d+ critical, .*\)\.$/);
  });

  it('keeps audited control characters and newlines off the terminal', () => {
    const out = renderConcise(makeReport({ findings: evil() }));
    expect(out).not.toMatch(/[\u001b\u0007\r\u202e]/);
    expect(out.split('\n')[0]).toBe('x\\x1b]0;pwn\\x07,:.py:1:1: B101 [high] 50% done\\x0d\\x0afake line\\u202eevil');
  });
});

describe('github format', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeGithubData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeGithubProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
  });

  it('writes one workflow annotation per finding, level by severity', () => {
    const r = makeReport();
    const lines = renderGithub(r).trimEnd().split('\n');
    expect(lines.length).toBe(r.findings.length);
    const f = r.findings[0]!;
    expect(lines[0]!.startsWith(`::error file=${f.location.path},line=${f.location.startLine},col=${f.location.startColumn + 1},`)).toBe(true);
    expect(lines[0]).toContain(`title=${f.ruleId} ${f.ruleName} [${f.severity}]::`);
    const low = r.findings.findIndex((x) => x.severity === 'low');
    expect(lines[low]!.startsWith('::notice ')).toBe(true);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,.*title=[^:]*::/);
  });

  it('cannot be tricked into a second command by a file name or message', () => {
    const out = renderGithub(makeReport({ findings: evil() }));
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out).toContain('file=x\\x1b]0;pwn\\x07%2C%3A.py,');
    expect(out).toContain('::50%25 done\\x0d\\x0afake line\\u202eevil');
    expect(out).not.toMatch(/[\u001b\u0007\r\u202e]/);
  });
});

describe('gitlab format', () => {
  it('is a Code Quality report with unique fingerprints', () => {
    const r = makeReport();
    const issues = buildGitlab(r);
    expect(issues).toHaveLength(r.findings.length);
    const f = r.findings[0]!;
    expect(issues[0]).toEqual({
      description: `${f.ruleId} ${f.message}`,
      check_name: f.ruleId,
      fingerprint: f.fingerprint,
      severity: f.severity === 'critical' ? 'blocker' : 'critical',
      location: { path: f.location.path, lines: { begin: f.location.startLine, end: f.location.endLine } },
    });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    for (const i of issues) expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
  });
});

describe('text report layout', () => {
  it('prints each finding once and ends with the summary', () => {
    const r = makeReport();
    const out = renderText(r, { color: false, failOn: 'high' });
    for (const f of r.findings) {
      const head = `${f.location.path}:${f.location.startLine}:${f.location.startColumn + 1}  ${f.severity.toUpperCase()}/`;
      expect(out.split(head).length - 1, head).toBe(1);
      // The message is printed once (summary sections point to the finding's number).
      expect(out.split(f.message).length - 1, f.message).toBe(1);
    }
    const lines = out.trimEnd().split('\n');
    const at = lines.lastIndexOf('SUMMARY');
    expect(at).toBeGreaterThan(lines.length - 8);
    expect(lines[at + 1]).toMatch(/^OVERALL SCORE: 7\/25  \(risk level: critical\)$/);
    expect(lines[at + 2]).toMatch(/^Findings: 18 — \d+ critical, \d+ high/);
    expect(lines.at(-1)).toMatch(/^Exit code 1: \d+ findings at or above --fail-on high \(\d+ critical, \d+ high\)$/);
    expect(out).toMatch(/CRITICAL ISSUES:\n- \[CRITICAL\] \S+ \S+ — #1 /);
  });

  it('prints only the summary with summaryOnly, and lists suppressed findings when asked', () => {
    const [a, b] = buildFindings([
      { path: 'a.py', source: 'x = 1\n', line: 1, ruleId: 'B602', ruleName: 'p', category: 'injection', severity: 'high', confidence: 'high', cwe: [], message: 'shell' },
      { path: 'b.py', source: 'y = 1\n', line: 1, ruleId: 'B602', ruleName: 'p', category: 'injection', severity: 'high', confidence: 'high', cwe: [], message: 'shell two' },
    ]) as [Finding, Finding];
    a.status = 'suppressed';
    a.suppression = { by: 'nosec', comment: '# nosec B602 -- constant', justification: 'constant' };
    b.status = 'suppressed';
    b.suppression = { by: 'nosec', comment: '# nosec' };
    const r = makeReport({ suppressed: [a, b], suppressedCount: 2 });
    const summary = renderText(r, { color: false, summaryOnly: true });
    expect(summary.split('\n')[0]).toBe('SUMMARY');
    expect(summary).toContain('Suppressed: 2 (B602: 2); 1 with no reason given — --show-suppressed lists them');
    expect(summary).not.toContain('FINDINGS');
    const full = renderText(r, { color: false, showSuppressed: true });
    expect(full).toContain('SUPPRESSED (2):');
    expect(full).toContain('Suppressed by # nosec B602 -- constant');
    expect(full).toContain('Suppressed by # nosec (no reason given)');
  });

  it('counts dismissed findings by verdict in the summary', () => {
    const [d] = buildFindings([{ path: 'a.py', source: 'x = 1\n', line: 1, ruleId: 'B602', ruleName: 'p', category: 'injection', severity: 'high', confidence: 'high', cwe: [], message: 'm' }]);
    d!.status = 'dismissed';
    d!.verdict = { kind: 'constant', reason: 'a literal' };
    const lines = summaryLines(makeReport({ dismissed: [d!] }), { color: false });
    expect(lines).toContain('1 finding dismissed by triage (constant: 1) — --show-dismissed lists them.');
  });

  it('states the advisory data date and age, with a warning past 30 days', () => {
    const r = makeReport();
    r.dependencies!.database = { source: 'PyPA advisory-database', date: '2026-11-01', advisories: 10 };
    expect(advisoryDataLine(r, new Date('2026-11-21T12:00:00Z'))).toBe('Advisory data: PyPA advisory-database of 2026-11-01 (20 days old), 10 advisories');
    expect(advisoryDataLine(r, new Date('2026-12-21T00:00:00Z'))).toContain('(50 days old — WARNING: over 30 days; refresh it with krait db update)');
    const text = renderText(r, { color: false, now: new Date('2026-12-21T00:00:00Z') });
    expect(text.trimEnd().split('\n').slice(-3).join('\n')).toContain('WARNING: over 30 days');
  });

  it('says why the exit code is what it is', () => {
    const r = makeReport();
    expect(exitLine(r, 'none')).toBe('Exit code 0 (--fail-on none)');
    expect(exitLine(r, 'low', true)).toBe('Exit code 0 (--exit-zero)');
    expect(exitLine(makeReport({ findings: [] }), 'low')).toBe('Exit code 0: no finding at or above --fail-on low');
  });

  it('wraps to a width, keeping the indentation', () => {
    const line = '  Fix: ' + 'word '.repeat(30).trim();
    const out = wrapToWidth(line, 40).split('\n');
    expect(out.length).toBeGreaterThan(3);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(40);
    expect(out[1]!.startsWith('    word')).toBe(true);
    expect(wrapToWidth(line, undefined)).toBe(line);
    expect(renderText(makeReport(), { color: false, width: 60 }).split('\n').every((l) => l.length <= 60)).toBe(true);
  });

  it('escapes every audited string', () => {
    expect(terminalSafe('\u0007\u009b\u2029')).toBe('\\x07\\x9b\\u2029');
    const out = renderText(makeReport({ findings: evil() }), { color: false });
    expect(out).not.toMatch(/[\u001b\u0007\r\u202e]/);
  });
});
