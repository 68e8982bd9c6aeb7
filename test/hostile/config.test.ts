/**
 * Hostile configuration: tables keyed by glob or rule hold keys such as `constructor`,
 * `__proto__` and `toString`, which must be plain keys (no crash, no prototype
 * pollution, no key dropped); `--jobs` beyond the cores available is capped with a note.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/pipeline/config.js';
import { capJobs, scan } from '../../src/pipeline/scan.js';
import { krait, tree } from './helpers.js';

const ASSERT = 'assert x\n';

function pyproject(body: string): Record<string, string> {
  return { 'pyproject.toml': `[project]\nname = "p"\n${body}` };
}

describe('hostile config: keys that name Object.prototype members', () => {
  it('per-path-ignores key "constructor" is a plain glob', () => {
    const root = tree(pyproject('[tool.krait.per-path-ignores]\nconstructor = ["B101"]\n'));
    const cfg = loadConfig(root);
    expect(cfg.perPathIgnores.get('constructor')).toEqual(['B101']);
  });

  it('per-path-ignores key "__proto__" is kept, not dropped or used as a prototype', () => {
    const root = tree(pyproject('[tool.krait.per-path-ignores]\n"__proto__" = ["B101"]\n'));
    const cfg = loadConfig(root);
    expect(cfg.perPathIgnores.get('__proto__')).toEqual(['B101']);
    expect(({} as Record<string, unknown>)['B101']).toBeUndefined();
  });

  it('per-path-ignores key "toString" is a plain glob', () => {
    const root = tree(pyproject('[tool.krait.per-path-ignores]\ntoString = ["B101"]\nhasOwnProperty = ["B102"]\n'));
    const cfg = loadConfig(root);
    expect(cfg.perPathIgnores.get('toString')).toEqual(['B101']);
    expect(cfg.perPathIgnores.get('hasOwnProperty')).toEqual(['B102']);
  });

  it('per-path-ignores "__proto__/**" ignores B101 in a folder named __proto__ only', async () => {
    const root = tree({ ...pyproject('[tool.krait.per-path-ignores]\n"__proto__/**" = ["B101"]\n'), '__proto__/a.py': ASSERT, 'b.py': ASSERT });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'] });
    expect(r.findings.map((f) => f.location.path).sort()).toEqual(['b.py']);
  });

  it('per-path-ignores "constructor/**" ignores B101 in a folder named constructor only', async () => {
    const root = tree({ ...pyproject('[tool.krait.per-path-ignores]\n"constructor/**" = ["B101"]\n'), 'constructor/a.py': ASSERT, 'b.py': ASSERT });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'] });
    expect(r.findings.map((f) => f.location.path).sort()).toEqual(['b.py']);
  });

  it('per-path-ignores given twice for "constructor" (krait and bandit) merge', () => {
    const root = tree(pyproject('[tool.krait.per-path-ignores]\nconstructor = ["B102"]\n[tool.bandit.assert_used]\nskips = ["constructor"]\n'));
    expect(loadConfig(root).perPathIgnores.get('constructor')?.sort()).toEqual(['B101', 'B102']);
  });

  it('[tool.krait.rules.constructor] is a plain rule key and the scan runs', async () => {
    const root = tree({ ...pyproject('[tool.krait.rules.constructor]\nx = 1\n'), 'a.py': ASSERT });
    expect(loadConfig(root).ruleOptions.get('constructor')?.get('x')).toBe(1);
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'] });
    expect(r.findings).toHaveLength(1);
  });

  it('[tool.krait.rules.__proto__] is kept as a key', () => {
    const root = tree(pyproject('[tool.krait.rules.__proto__]\ntmp_dirs = ["/scratch"]\n'));
    expect(loadConfig(root).ruleOptions.get('__proto__')?.get('tmp_dirs')).toEqual(['/scratch']);
  });

  it('[tool.krait.rules.B108] option "__proto__" cannot smuggle tmp_dirs in through the prototype', async () => {
    const root = tree({ ...pyproject('[tool.krait.rules.B108.__proto__]\ntmp_dirs = ["/scratch"]\n'), 'a.py': 'p = "/scratch/x"\nq = "/tmp/x"\n' });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B108'] });
    expect(r.findings.map((f) => f.location.startLine)).toEqual([2]);
  });

  it('[tool.krait.rules.B108] options named constructor/toString sit beside real options', async () => {
    const root = tree({ ...pyproject('[tool.krait.rules.B108]\nconstructor = 1\ntoString = 2\ntmp_dirs = ["/scratch"]\n'), 'a.py': 'p = "/scratch/x"\n' });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B108'] });
    expect(r.findings.map((f) => f.location.startLine)).toEqual([1]);
  });

  it('[tool.bandit.constructor] section is a plain plugin key', async () => {
    const root = tree({ ...pyproject('[tool.bandit.constructor]\ntmp_dirs = ["/scratch"]\n'), 'a.py': ASSERT });
    expect(loadConfig(root).ruleOptions.get('constructor')?.get('tmp_dirs')).toEqual(['/scratch']);
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'] });
    expect(r.findings).toHaveLength(1);
  });

  it('[tool.bandit.__proto__] does not configure B108', async () => {
    const root = tree({ ...pyproject('[tool.bandit.__proto__]\ntmp_dirs = ["/scratch"]\n'), 'a.py': 'p = "/scratch/x"\n' });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B108'] });
    expect(r.findings).toHaveLength(0);
  });

  it('[tool.bandit.assert_used] skips "__proto__/*" ignores B101 there only', async () => {
    const root = tree({ ...pyproject('[tool.bandit.assert_used]\nskips = ["__proto__/*"]\n'), '__proto__/t.py': ASSERT, 'b.py': ASSERT });
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'] });
    expect(r.findings.map((f) => f.location.path)).toEqual(['b.py']);
  });

  it('loading every such key leaves Object.prototype untouched', () => {
    const root = tree(
      pyproject(
        '[tool.krait.per-path-ignores]\n"__proto__" = ["polluted"]\n[tool.krait.rules.__proto__]\npolluted = 1\n[tool.krait.rules.constructor.prototype]\npolluted = 1\n[tool.bandit.__proto__]\npolluted = 1\n',
      ),
    );
    loadConfig(root);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a per-path-ignores value that is not a list is a one-line config error', () => {
    const root = tree(pyproject('[tool.krait.per-path-ignores]\nconstructor = 3\n'));
    expect(() => loadConfig(root)).toThrow(ConfigError);
    expect(() => loadConfig(root)).toThrow(/per-path-ignores\.constructor/);
  });

  it('a rules entry that is not a table is a one-line config error', () => {
    const root = tree(pyproject('[tool.krait.rules]\ntoString = "x"\n'));
    expect(() => loadConfig(root)).toThrow(/rules\.toString: expected a table/);
  });
});

describe('hostile config: --jobs beyond the cores available', () => {
  const cores = availableParallelism();

  it('capJobs caps a huge request at the cores available, with a note', () => {
    const c = capJobs(100_000);
    expect(c.jobs).toBe(cores);
    expect(c.note).toContain(`${cores} cores available`);
  });

  it('capJobs turns 0, negative and NaN into 1 with a note', () => {
    for (const n of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      const c = capJobs(n);
      expect(c.jobs).toBeGreaterThanOrEqual(1);
      expect(c.jobs).toBeLessThanOrEqual(cores);
      expect(c.note).toBeTruthy();
    }
  });

  it('capJobs leaves a request within the cores alone (no note)', () => {
    expect(capJobs(1)).toEqual({ jobs: 1 });
    expect(capJobs(undefined)).toEqual({ jobs: cores });
  });

  it('library scan({ jobs: 100000 }) runs and reports the cap as a diagnostic', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`m${i}.py`] = ASSERT;
    const root = tree(files);
    const r = await scan({ targets: ['.'], cwd: root, analyses: ['rules'], select: ['B101'], jobs: 100_000, config: false });
    expect(r.findings).toHaveLength(30);
    expect(r.diagnostics.some((d) => /jobs 100000 is more than/.test(d.message))).toBe(true);
  });

  it('CLI --jobs 5000 prints a note on stderr and scans', () => {
    const root = tree({ 'a.py': ASSERT });
    const r = krait(['scan', root, '--jobs', '5000', '--no-config', '--format', 'json']);
    expect(r.stderr).toMatch(/note: --jobs 5000 is more than the \d+ cores available/);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });
});
