/**
 * `krait explain --finding FINGERPRINT [PATHS]` through the CLI: an active (merged,
 * reachable) finding and a dismissed one explained with status, verdict, related rules and
 * the trace; exit 2 with a message for an unknown fingerprint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');

function krait(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const APP = 'import subprocess\nfrom flask import request\ndef f():\n    c = request.args["c"]\n    subprocess.call(c, shell=True)\n    subprocess.call("ls", shell=True)\n';

describe('krait explain --finding', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-explain-'));
  writeFileSync(path.join(root, 'app.py'), APP);
  const json = krait(['scan', '-f', 'json', '-q', '--no-config', '.'], root);
  const report = JSON.parse(json.stdout) as { findings: Finding[]; dismissed?: Finding[] };
  const active = report.findings.find((f) => f.ruleId === 'B602')!;
  const dismissed = report.dismissed!.find((f) => f.ruleId === 'B602')!;

  it('explains an active finding: rule, location, status, verdict, related rules and the trace step by step', () => {
    expect(active.location.startLine).toBe(5);
    // Fingerprints hash the displayed path: explain scans the same paths, from the same place, as the scan did.
    const r = krait(['explain', '--finding', active.fingerprint, '--no-config', '.'], root);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^B602 subprocess-popen-with-shell-equals-true$/m);
    expect(out).toMatch(/^Location: +.*app\.py:5:\d+$/m);
    expect(out).toMatch(/^Status: +active$/m);
    expect(out).toMatch(/^Verdict: +reachable — request\.args.*line 4/m);
    expect(out).toMatch(/^Related: +KR102$/m);
    // One numbered line per step, from the source (line 4) to the sink (line 5).
    const steps = out.split('\n').filter((l) => /^ +\d+\. /.test(l));
    expect(steps.length).toBe(active.trace!.length);
    expect(steps[0]).toMatch(/app\.py:4:\d+ +source +request\.args/);
    expect(steps.at(-1)).toMatch(/app\.py:5:\d+ +sink /);
    expect(out).toContain(`Fingerprint: ${active.fingerprint}`);
  });

  it('explains a dismissed finding with its verdict, scanning . by default', () => {
    const r = krait(['explain', '--finding', dismissed.fingerprint, '--no-config'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Location: +app\.py:6:\d+$/m);
    expect(r.stdout).toMatch(/^Status: +dismissed$/m);
    expect(r.stdout).toMatch(/^Verdict: +constant — the command is the constant "ls"$/m);
    expect(r.stdout).toMatch(/^Trace: +none$/m);
  });

  it('exits 2 with a message when no finding has that fingerprint', () => {
    const r = krait(['explain', '--finding', '0123456789abcdef', '--no-config', '.'], root);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no finding has fingerprint "0123456789abcdef" in \./);
  });

  it('still explains rules, and asks for one id without --finding', () => {
    expect(krait(['explain', 'B602'], root).stdout).toMatch(/## Why is this bad\?/);
    const r = krait(['explain'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--finding FINGERPRINT/);
  });
});
