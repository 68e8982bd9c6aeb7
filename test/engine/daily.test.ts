/**
 * Daily use (issue 16), end to end through the CLI and the library: unknown rule ids are
 * refused, baselines silence every kind of finding, suppressions are counted and listed,
 * --diff-base keeps only changed lines, and each command prints its own analysis.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-daily-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

function krait(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** A small project with a finding of every kind: code, secret, dependency, posture. */
const PROJECT = {
  'app.py': [
    'import subprocess',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    'API_TOKEN = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"',
    '@app.route("/run")',
    'def run():',
    '    subprocess.call(request.args["c"], shell=True)',
    '    subprocess.call("ls", shell=True)  # nosec B602 -- constant command',
    '    subprocess.call("id", shell=True)  # noqa: S602',
    '    return "ok"',
    'app.run(debug=True)',
    '',
  ].join('\n'),
  'requirements.txt': 'django==3.2.0\nrequests\n',
  '.env': 'SECRET_KEY=abc\n',
};

describe('refusing what krait does not understand', () => {
  it('exits 2 on an unknown id in --select/--ignore, naming the closest', () => {
    const root = tree({ 'a.py': 'import os\n' });
    const r = krait(['scan', '.', '--select', 'B6O2'], root);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('krait: error: unknown rule "B6O2" in --select; did you mean B602? (krait rules lists them)');
    const n = krait(['scan', '.', '--ignore', 'subprocess-popen-shell'], root);
    expect(n.status).toBe(2);
    expect(n.stderr).toContain('did you mean B602 (subprocess-popen-with-shell-equals-true)?');
    expect(krait(['scan', '.', '--select', 'B6,S602,KR1,hardcoded_password_string', '-q'], root).status).toBe(0);
  });

  it('exits 2 on an unknown id in [tool.krait], warns for bandit config', () => {
    const bad = tree({ 'a.py': 'import os\n', 'pyproject.toml': '[tool.krait]\nignore = ["B1O1"]\n' });
    const r = krait(['scan', '.'], bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^krait: error: unknown rule "B1O1" in ignore of .*pyproject\.toml; did you mean B101\?/);
    const perPath = tree({ 'a.py': 'import os\n', 'pyproject.toml': '[tool.krait.per-path-ignores]\n"tests/**" = ["B999"]\n' });
    expect(krait(['scan', '.'], perPath).stderr).toContain('unknown rule "B999" in per-path-ignores "tests/**"');
    const bandit = tree({ 'a.py': 'assert 1\n', '.bandit': '[bandit]\nskips = B101,B999\n' });
    const b = krait(['scan', '.', '--format', 'json'], bandit);
    expect(b.status).toBe(0);
    const report = JSON.parse(b.stdout);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('B101');
    expect(report.diagnostics.map((d: { message: string }) => d.message).join('\n')).toMatch(/unknown rule "B999" in skips of .*\.bandit; .*left out/);
  });

  it('uses one error prefix for commander errors, and help lists only what a command accepts', () => {
    const root = tree({ 'a.py': 'x = 1\n' });
    expect(krait(['scan', '--bogus'], root).stderr.split('\n')[0]).toBe("krait: error: unknown option '--bogus'");
    const stats = krait(['stats', '--help'], root).stdout;
    for (const o of ['--select', '--fail-on', '--baseline', '--online', '--ignore-nosec', '"text"', '"sarif"']) expect(stats).not.toContain(o);
    const secrets = krait(['secrets', '--help'], root).stdout;
    expect(secrets).not.toContain('--online');
    expect(secrets).toContain('--show-suppressed');
    expect(krait(['stats', '.', '--select', 'B1'], root).status).toBe(2);
  });
});

describe('fingerprints and baselines', () => {
  it('gives every finding kind a fingerprint; a baseline silences them all, only new ones appear', async () => {
    const root = tree(PROJECT);
    const first = await scan({ targets: [root], config: false });
    const kinds = new Set(first.findings.map((f) => f.category));
    expect([...kinds]).toEqual(expect.arrayContaining(['dependencies', 'secrets', 'injection']));
    expect(first.findings.some((f) => f.ruleId.startsWith('KR3') || f.ruleId.startsWith('KR4'))).toBe(true);
    for (const f of first.findings) expect(f.fingerprint, `${f.ruleId} ${f.message}`).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(first.findings.map((f) => f.fingerprint)).size).toBe(first.findings.length);

    const base = path.join(root, 'baseline.json');
    expect(krait(['scan', '.', '--write-baseline', base, '-q', '--no-config'], root).status).toBe(1);
    const again = JSON.parse(krait(['scan', '.', '--baseline', base, '--format', 'json', '--no-config'], root).stdout);
    expect(again.findings).toEqual([]);
    expect(again.suppressed.filter((f: { status: string }) => f.status === 'baselined')).toHaveLength(first.findings.length);

    // Lines moved and a new problem added: only the new one is reported.
    writeFileSync(path.join(root, 'app.py'), '# a comment that moves everything down\n\n' + PROJECT['app.py'] + 'eval(request.args["x"])\n');
    writeFileSync(path.join(root, 'requirements.txt'), 'requests\ndjango==3.2.0\n');
    const after = JSON.parse(krait(['scan', '.', '--baseline', base, '--format', 'json', '--no-config'], root).stdout);
    expect(after.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(expect.arrayContaining(['B307']));
    expect(after.findings.every((f: { location: { startLine: number } }) => f.location.startLine === 14)).toBe(true);
  });

  it('puts the fingerprints in SARIF partialFingerprints', () => {
    const root = tree(PROJECT);
    const sarif = JSON.parse(krait(['scan', '.', '--format', 'sarif', '--no-config'], root).stdout);
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) expect(r.partialFingerprints['kraitFingerprint/v1']).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('suppressions visible', () => {
  it('counts nosec, noqa and allowlist pragmas per rule in JSON and lists them with their reason', () => {
    const root = tree({
      ...PROJECT,
      'settings.py': 'AWS_KEY = "AKIAIOSFODNN7EXAMPLQ"  # pragma: allowlist secret\n',
    });
    const r = JSON.parse(krait(['scan', '.', '--format', 'json', '--no-config'], root).stdout);
    const byRule = r.suppressed.map((f: { ruleId: string; suppression: { by: string; justification?: string } }) => `${f.ruleId}:${f.suppression.by}:${f.suppression.justification ?? ''}`).sort();
    expect(byRule).toEqual(expect.arrayContaining(['B602:noqa:', 'B602:nosec:constant command']));
    expect(byRule.some((x: string) => /^KR2\d\d:pragma:$/.test(x))).toBe(true);
    expect(r.suppressedCount).toBe(r.suppressed.length);
    const text = krait(['scan', '.', '--no-config'], root).stdout;
    expect(text).toMatch(/^Suppressed: \d+ \(B602: 2, KR2\d\d: 1\); 2 with no reason given — --show-suppressed lists them$/m);
    const shown = krait(['scan', '.', '--no-config', '--show-suppressed', '--format', 'concise'], root).stdout;
    expect(shown).toMatch(/app\.py:8:\d+: B602 \[\w+\] .* \(suppressed\)/);
    const ignored = JSON.parse(krait(['scan', '.', '--format', 'json', '--no-config', '--ignore-nosec'], root).stdout);
    expect(ignored.suppressedCount).toBe(0);
  });
});

describe('--diff-base', () => {
  it('reports only findings on lines changed since the revision', () => {
    const root = tree({ 'old.py': 'import pickle\ndef g(x):\n    return pickle.loads(x)\n' });
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    appendFileSync(path.join(root, 'old.py'), 'eval(input())\n');
    writeFileSync(path.join(root, 'new.py'), 'import marshal\ndef f(x):\n    return marshal.loads(x)\n');
    const r = JSON.parse(krait(['scan', '.', '--diff-base', 'HEAD', '--format', 'json', '--no-config'], root).stdout);
    const where = r.findings.map((f: { location: { path: string; startLine: number } }) => `${f.location.path}:${f.location.startLine}`);
    expect(where).toContain('old.py:4');
    expect(where).toContain('new.py:3');
    expect(where).not.toContain('old.py:3');
    const bad = krait(['scan', '.', '--diff-base', 'no-such-rev'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('krait: error: --diff-base: unknown git revision "no-such-rev"');
  });

  it('never runs a filter driver or external diff from the audited repository', () => {
    const root = tree({ 'a.py': 'x = 1\n', '.gitattributes': '*.py filter=evil diff=evil\n' });
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const marker = path.join(root, 'PWNED');
    git('config', 'filter.evil.clean', `touch ${marker}; cat`);
    git('config', 'diff.evil.textconv', `touch ${marker}; cat`);
    git('config', 'diff.external', `touch ${marker}`);
    git('config', 'core.fsmonitor', `touch ${marker}`);
    appendFileSync(path.join(root, 'a.py'), 'eval(input())\n');
    const r = krait(['scan', '.', '--diff-base', 'HEAD', '--format', 'concise', '--no-config'], root);
    expect(r.stdout).toContain('a.py:2:1: B307');
    expect(spawnSync('test', ['-e', marker]).status).toBe(1);
  });
});

describe('each command prints its own analysis', () => {
  it('secrets: findings and one summary line, no score or verdicts', () => {
    const root = tree(PROJECT);
    const r = krait(['secrets', '.', '--no-config'], root);
    expect(r.stdout).not.toMatch(/OVERALL SCORE|NO_SECURITY_ISSUES|STRENGTHS|Code appears secure|DEPENDENCIES/);
    expect(r.stdout).toMatch(/^\d+ secrets? \(.*\)\.$/m);
    const json = JSON.parse(krait(['secrets', '.', '--no-config', '--format', 'json'], root).stdout);
    expect(json.score).toBeUndefined();
    expect(json.findings.every((f: { category: string }) => f.category === 'secrets')).toBe(true);
    const clean = krait(['secrets', '.', '--no-config'], tree({ 'a.py': 'x = 1\n' }));
    expect(clean.stdout).toContain('No secrets found (1 file; checked: hardcoded secrets and credentials in every text file).');
    expect(clean.stdout).not.toContain('NO_SECURITY_ISSUES');
  });

  it('deps: the table, the advisory data date and a summary, no score', () => {
    const root = tree(PROJECT);
    const r = krait(['deps', '.', '--no-config'], root);
    expect(r.stdout).toContain('| Package | Version | Issue | Severity | Action |');
    expect(r.stdout).toMatch(/^Advisory data: .* of \d{4}-\d\d-\d\d \(\d+ days? old/m);
    expect(r.stdout).toMatch(/^\d+ dependency findings \(.*; 2 requirements in 1 manifest, \d+ vulnerable\)\.$/m);
    expect(r.stdout).not.toMatch(/OVERALL SCORE|STRENGTHS/);
  });

  it('prints the concise format and --summary-only', () => {
    const root = tree(PROJECT);
    const c = krait(['scan', '.', '--no-config', '--format', 'concise'], root);
    expect(c.status).toBe(1);
    expect(c.stdout.split('\n')[0]).toMatch(/^[\w./]+:\d+:\d+: [A-Z]+\d+ \[(critical|high|medium|low|info)\] ./);
    const s = krait(['scan', '.', '--no-config', '--summary-only'], root).stdout.trimEnd().split('\n');
    expect(s[0]).toBe('SUMMARY');
    expect(s.length).toBeLessThan(10); // with the Quality & Testing and Performance lines
    expect(s.at(-1)).toMatch(/^Exit code 1: /);
  });
});
