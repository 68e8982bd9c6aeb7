/**
 * `krait fix` on the command line (the built bin, as a user runs it): `--diff` prints a
 * unified diff, writes nothing and exits 1; without it the file is rewritten, safe fixes
 * only unless `--unsafe-fixes`; requires-python gates fixes that need a newer Python;
 * --select narrows the rules; a `# nosec` finding is not fixed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'krait.js');
const CODE = 'import tarfile\nimport requests\nimport yaml\n\nrequests.get(URL, verify=False)  # rates\nyaml.load(s)  # nosec B506 -- trusted file\nwith tarfile.open(p) as t:\n    t.extractall(d)\n';
let dir: string;
const krait = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'krait-fixcli-'));
  writeFileSync(path.join(dir, 'app.py'), CODE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('krait fix', () => {
  it('--diff prints the diff, writes nothing, exits 1', () => {
    const r = krait('fix', '.', '--diff', '--unsafe-fixes', '--no-config');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('-requests.get(URL, verify=False)  # rates\n+requests.get(URL, timeout=30)  # rates');
    expect(r.stdout).not.toContain('safe_load'); // suppressed by # nosec
    expect(r.stderr).toContain('B202: needs Python 3.12+');
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(CODE);
  });
  it('applies only safe fixes by default (all of these are unsafe)', () => {
    const r = krait('fix', '.', '--no-config');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/fixed 0 findings in 0 files; 3 more with --unsafe-fixes/);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(CODE);
  });
  it('plain krait fix applies a safe fix and leaves the unsafe one in the same file', () => {
    writeFileSync(path.join(dir, 'app.py'), 'import yaml\nｙａｍｌ.load(s)  # read\n');
    const r = krait('fix', '.', '--no-config');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/fixed 1 finding in 1 file; 1 more with --unsafe-fixes/);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe('import yaml\nyaml.load(s)  # read\n');
  });
  it('a notebook finding offers no fix (its edits would be cell positions, not file positions)', () => {
    const nb = { cells: [{ cell_type: 'code', metadata: {}, source: ['import yaml\n', "cfg = yaml.load(open('c.yml'), Loader=yaml.Loader)\n"], outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    writeFileSync(path.join(dir, 'app.py'), 'x = 1\n');
    writeFileSync(path.join(dir, 'n.ipynb'), JSON.stringify(nb, null, 1));
    const scan = JSON.parse(krait('scan', '.', '--no-config', '--format', 'json', '--select', 'B506').stdout) as { findings: { ruleId: string; autofix?: unknown }[] };
    expect(scan.findings.map((f) => f.ruleId)).toEqual(['B506']);
    expect(scan.findings[0]!.autofix).toBeUndefined();
    const r = krait('fix', '.', '--unsafe-fixes', '--diff', '--no-config');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('dropped');
  });
  it('writes the fixes; requires-python allows filter="data"; --select narrows', () => {
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\nrequires-python = ">=3.12"\n');
    const r = krait('fix', '.', '--unsafe-fixes', '--select', 'B202');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(CODE.replace('t.extractall(d)', 't.extractall(d, filter="data")'));
    expect(krait('fix', '.', '--diff', '--unsafe-fixes', '--select', 'B202').status).toBe(0); // nothing left
  });
});
