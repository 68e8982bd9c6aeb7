/**
 * Start-up (issue 15): a scan loads what it needs when it needs it. A scan of one small
 * Python file, as a pre-commit hook or an editor runs it, loads no archive reader, index
 * client, thread pool, YAML, Dockerfile, CVSS or zod code and no report format it does not
 * write; a scan that needs one loads it. The modules a process loads are read through a
 * module-loading hook (node:module register), so nothing here is timed (the generous
 * timeouts are for a loaded machine: every check spawns krait).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');

/** A module (`--import`) that registers a load hook printing every module URL loaded, on stderr. */
function hookFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-hook-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function load(url, context, next) {\n  if (!url.startsWith('node:')) process._rawDebug(`LOADED ${url}`);\n  return next(url, context);\n}\n");
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
  return register;
}

/** The module URLs a `krait` run loads, and its report. */
function loadedBy(args: string[], cwd: string): { loaded: string[]; stdout: string } {
  // The modules, not the one-file bundle (whose parts the hook does not see): what each module imports is what is checked.
  const r = spawnSync(process.execPath, ['--import', hookFile(), BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KRAIT_NO_BUNDLE: '1' } });
  const loaded = [...r.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]);
  return { loaded, stdout: r.stdout };
}

/** Packages and modules a one-file scan never needs. */
const NOT_FOR_ONE_FILE = [
  '/node_modules/zod/',
  '/node_modules/yaml/',
  '/node_modules/dockerfile-ast/',
  '/node_modules/ae-cvss-calculator/',
  '/node_modules/scslre/',
  '/node_modules/piscina/',
  '/node_modules/fflate/',
  '/node_modules/modern-tar/',
  '/node_modules/htmlparser2/',
  '/dist/pipeline/discover/archive.js',
  '/dist/pipeline/discover/index-fetch.js',
  '/dist/deps/update.js',
  '/dist/report/html.js',
  '/dist/report/sarif.js',
  '/dist/report/markdown.js',
];

function oneFileFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-start-up-'));
  writeFileSync(path.join(dir, 'tiny.py'), 'import os\nx = input()\nos.system(x)\n');
  return dir;
}

describe('start-up: a scan loads only what it needs', () => {
  it('one small Python file, text and JSON: no archive, index, pool, YAML, Docker, CVSS, zod or other report code', () => {
    const dir = oneFileFolder();
    for (const format of ['text', 'json']) {
      const { loaded, stdout } = loadedBy(['scan', 'tiny.py', '--format', format, '--no-cache', '--exit-zero'], dir);
      // The hook saw the scan (else the test proves nothing), and the scan found the command injection.
      expect(loaded.some((u) => u.endsWith('/dist/pipeline/scan.js'))).toBe(true);
      expect(stdout).toContain('B605');
      expect(loaded.filter((u) => NOT_FOR_ONE_FILE.some((m) => u.includes(m)))).toEqual([]);
    }
  }, 300_000);

  it('what a scan needs is loaded when it needs it: a wheel, SARIF', () => {
    const dir = oneFileFolder();
    writeFileSync(path.join(dir, 'pkg-1.0-py3-none-any.whl'), zipSync({ 'pkg/__init__.py': strToU8('import os\nos.system(input())\n') }));
    const { loaded, stdout } = loadedBy(['scan', '.', '--format', 'sarif', '--no-cache', '--exit-zero'], dir);
    expect(loaded.some((u) => u.endsWith('/dist/pipeline/discover/archive.js'))).toBe(true);
    expect(loaded.some((u) => u.endsWith('/dist/report/sarif.js'))).toBe(true);
    expect(stdout).toContain('pkg-1.0-py3-none-any.whl!/pkg/__init__.py');
  }, 300_000);
});

describe('start-up: the one-file bundle', () => {
  const bundle = path.join(ROOT, 'dist/cli/krait.cjs');
  /** The report of `krait ARGS`, through the bundle or the modules, without its times. */
  const report = (args: string[], cwd: string, modules: boolean) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...(modules ? { KRAIT_NO_BUNDLE: '1' } : {}) } });
    return { status: r.status, stderr: r.stderr, stdout: r.stdout.replace(/"(startedAt|durationMs|startTimeUtc|endTimeUtc)": [^,\n]*/g, '"$1": 0').replace(/, [\d.]+ s\)/g, ')') };
  };

  it('npm run build wrote the bundle and its code cache', () => {
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.cache`)).toBe(true);
  });

  it("V8 takes the bundle's code cache under the compiler flags bin/krait.js sets, and rejects it under V8's defaults (the flags are in effect)", () => {
    const dir = oneFileFolder();
    const cache = (env: Record<string, string>) =>
      spawnSync(process.execPath, [BIN, 'scan', 'tiny.py', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KRAIT_TIMINGS: '1', ...env } }).stderr.match(/code cache (\w+)/)?.[1];
    expect(cache({})).toBe('accepted');
    expect(cache({ KRAIT_V8_DEFAULTS: '1' })).toBe('rejected');
  }, 120_000);

  it('gives the same reports as the modules: text, JSON and SARIF, a file and a project', () => {
    const dir = oneFileFolder();
    const example = path.join(ROOT, 'examples/vulnerable-app');
    for (const [args, cwd] of [
      [['scan', 'tiny.py', '--no-cache'], dir],
      [['scan', 'tiny.py', '--format', 'json', '--no-cache'], dir],
      [['scan', '.', '--format', 'sarif', '--no-cache', '--no-config'], example],
    ] as const) {
      const viaBundle = report([...args], cwd, false);
      expect(viaBundle.stdout.length).toBeGreaterThan(100);
      expect(viaBundle).toEqual(report([...args], cwd, true));
    }
  }, 300_000);
});
