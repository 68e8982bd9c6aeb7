import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, type ScanOptions } from '../../src/pipeline/scan.js';
import { cleanResultCache, resultCacheInfo, stableJson, type ResultCacheStats } from '../../src/pipeline/cache.js';
import type { Report } from '../../src/report/model.js';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs, tempDir, tempProject, writeFiles as write } from '../helpers/temp-project.js';

cleanTempDirs();

/** Write files (relative path → text) under a fresh folder. */
const project = (files: Record<string, string>): string => tempProject(files, 'krait-cache-proj-');

/** Scan `root` with the result cache in `cacheDir`; the report and what the cache did. */
async function cachedScan(root: string, cacheDir: string, extra: Partial<ScanOptions> = {}, maxBytes?: number): Promise<{ report: Report; stats: ResultCacheStats }> {
  let stats: ResultCacheStats | undefined;
  const report = await scan({
    targets: [root],
    cwd: root,
    config: false,
    jobs: 1,
    cache: { dir: cacheDir, onStats: (s) => (stats = s), ...(maxBytes !== undefined ? { maxBytes } : {}) },
    ...extra,
  });
  return { report, stats: stats! };
}

/** The report without what changes from run to run. */
function stable(r: Report): unknown {
  const { startedAt: _s, durationMs: _d, ...rest } = r;
  return rest;
}

const sqlAt = (fs: Finding[], file: string) => fs.filter((f) => f.location.path === file && (f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101')));

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else out.push(p);
    }
  }
  return out;
}

const entriesOf = (cacheDir: string) => filesUnder(path.join(cacheDir, 'results'));

// A view reads request data and hands it to a data-access module that formats it into SQL.
const VIEW_TO_DAO = {
  'app/__init__.py': '',
  'app/views.py': 'from flask import Flask, request\nfrom app import dao\napp = Flask(__name__)\n@app.route("/u")\ndef user():\n    name = request.args.get("name", "")\n    return str(dao.lookup(name))\n',
  'app/dao.py': 'import sqlite3\ndef lookup(user):\n    cur = sqlite3.connect("x.db").cursor()\n    cur.execute("SELECT * FROM users WHERE name = \'" + user + "\'")\n    return cur.fetchall()\n',
  'app/util.py': 'import subprocess\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n',
};
const SAFE_DAO = 'import sqlite3\ndef lookup(user):\n    cur = sqlite3.connect("x.db").cursor()\n    cur.execute("SELECT * FROM users WHERE name = ?", (user,))\n    return cur.fetchall()\n';

describe('result cache', () => {
  it('a warm run reads every file from the cache and gives the same report as the cold run', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(cold.stats).toMatchObject({ hits: 0, misses: 4, stored: 4, rejected: 0 });
    expect(sqlAt(cold.report.findings, 'app/dao.py')).toHaveLength(1);
    const warm = await cachedScan(root, cache);
    expect(warm.stats).toMatchObject({ hits: 4, misses: 0, stored: 0, rejected: 0 });
    expect(stable(warm.report)).toEqual(stable(cold.report));
    // And the same as a scan without the cache.
    const uncached = await scan({ targets: [root], cwd: root, config: false, jobs: 1 });
    expect(stable(warm.report)).toEqual(stable(uncached));
  });

  it('an edit to the callee re-analyses that file only, and the cross-module finding follows it', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(sqlAt(cold.report.findings, 'app/dao.py')[0]!.trace?.[0]?.location.path).toBe('app/views.py');
    write(root, { 'app/dao.py': SAFE_DAO });
    const edited = await cachedScan(root, cache);
    expect(edited.stats).toMatchObject({ hits: 3, misses: 1, stored: 1 });
    expect(sqlAt(edited.report.findings, 'app/dao.py')).toHaveLength(0);
    // Back to the vulnerable callee: its old entry answers, and the flow is found again.
    write(root, { 'app/dao.py': VIEW_TO_DAO['app/dao.py'] });
    const back = await cachedScan(root, cache);
    expect(back.stats).toMatchObject({ hits: 4, misses: 0 });
    expect(stable(back.report)).toEqual(stable(cold.report));
  });

  it('an edit to a callee changes the finding in the unchanged caller, which is not re-analysed', async () => {
    const files = {
      'h/__init__.py': '',
      'h/params.py': 'from flask import request\ndef get_param():\n    return request.args.get("v", "")\n',
      'h/views.py': 'from flask import Flask\nfrom .params import get_param\napp = Flask(__name__)\n@app.route("/h")\ndef h():\n    return str(eval(get_param()))\n',
    };
    const root = project(files);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    const evalCold = cold.report.findings.filter((f) => f.ruleId === 'B307');
    expect(evalCold.map((f) => [f.location.path, f.relatedRuleIds])).toEqual([['h/views.py', ['KR103']]]);
    write(root, { 'h/params.py': 'def get_param():\n    return "1 + 1"\n' });
    const edited = await cachedScan(root, cache);
    expect(edited.stats).toMatchObject({ hits: 2, misses: 1 });
    // views.py came from the cache; its eval finding now knows the callee returns a constant.
    expect(edited.report.findings.filter((f) => f.ruleId === 'B307' && f.relatedRuleIds?.includes('KR103'))).toHaveLength(0);
    expect(edited.report.findings.some((f) => f.ruleId === 'B307' && f.status !== 'dismissed' && f.verdict?.kind === 'reachable')).toBe(false);
    // A callee that returns neither request data nor a constant: the caller is not even
    // looked at again by the cross-module pass, and must not keep the flow of the first run.
    write(root, { 'h/params.py': 'def get_param():\n    with open("expr.txt") as f:\n        return f.read()\n' });
    const third = await cachedScan(root, cache);
    expect(third.stats).toMatchObject({ hits: 2, misses: 1 });
    const evalThird = [...third.report.findings, ...(third.report.dismissed ?? [])].filter((f) => f.ruleId === 'B307');
    expect(evalThird).toHaveLength(1);
    expect(evalThird[0]!.relatedRuleIds ?? []).toEqual([]);
    expect(evalThird[0]!.trace ?? []).toEqual([]);
  });

  it('a corrupt, truncated or foreign-version entry is ignored and the file analysed again', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    const entries = entriesOf(cache).sort();
    expect(entries).toHaveLength(4);
    const [a, b, c] = entries as [string, string, string];
    // Truncated (a write cut short), a flipped byte in the body, another krait version.
    writeFileSync(a, readFileSync(a).subarray(0, 200));
    const body = readFileSync(b);
    body[body.length - 5] = body[body.length - 5]! ^ 1;
    writeFileSync(b, body);
    const text = readFileSync(c, 'utf8');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
    writeFileSync(c, JSON.stringify({ ...header, version: '0.0.0-other' }) + text.slice(nl));
    const warm = await cachedScan(root, cache);
    expect(warm.stats).toMatchObject({ hits: 1, misses: 3, rejected: 3, stored: 3 });
    expect(stable(warm.report)).toEqual(stable(cold.report));
    // Rewritten: the next run trusts them again.
    expect((await cachedScan(root, cache)).stats).toMatchObject({ hits: 4, misses: 0, rejected: 0 });
    // Garbage where an entry should be.
    for (const e of entriesOf(cache)) writeFileSync(e, 'not a cache entry');
    const again = await cachedScan(root, cache);
    expect(again.stats).toMatchObject({ hits: 0, misses: 4, rejected: 4 });
    expect(stable(again.report)).toEqual(stable(cold.report));
  });

  it('the key holds the rule selection, the options and the path: a change is a miss', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    await cachedScan(root, cache);
    const selected = await cachedScan(root, cache, { select: ['B602'] });
    expect(selected.stats.hits).toBe(0);
    expect(selected.report.findings.map((f) => f.ruleId)).toEqual(['B602']);
    expect((await cachedScan(root, cache, { ignoreNosec: true })).stats.hits).toBe(0);
    expect((await cachedScan(root, cache, { triage: false })).stats.hits).toBe(0);
    // The same bytes at another path (relative imports, the paths in findings): a miss.
    write(root, { 'app/util2.py': VIEW_TO_DAO['app/util.py'] });
    const moved = await cachedScan(root, cache);
    expect(moved.stats).toMatchObject({ hits: 4, misses: 1 });
    expect(moved.report.findings.filter((f) => f.ruleId === 'B602').map((f) => f.location.path).sort()).toEqual(['app/util.py', 'app/util2.py']);
  });

  it('the cache never holds a secret in clear', async () => {
    const secret = 'ghp_' + 'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB';
    const root = project({
      'conf.py': `import requests\nTOKEN = "${secret}"\nrequests.get("https://api.github.com/user", headers={"Authorization": "token ${secret}"})\n`,
      'settings.ini': `[github]\ntoken = ${secret}\n`,
    });
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(cold.report.findings.some((f) => f.category === 'secrets')).toBe(true);
    expect(cold.stats.stored).toBe(2);
    for (const f of filesUnder(cache)) expect(readFileSync(f, 'latin1')).not.toContain(secret.slice(4));
    const warm = await cachedScan(root, cache);
    expect(warm.stats.hits).toBe(2);
    expect(stable(warm.report)).toEqual(stable(cold.report));
  });

  it('two runs sharing the cache at once both give the full report, and leave it whole', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    const [r1, r2] = await Promise.all([cachedScan(root, cache), cachedScan(root, cache)]);
    expect(stable(r1.report)).toEqual(stable(r2.report));
    const after = await cachedScan(root, cache);
    expect(after.stats).toMatchObject({ hits: 4, rejected: 0 });
    expect(filesUnder(cache).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('the size cap evicts the least recently used entries', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = tempDir('krait-cache-');
    await cachedScan(root, cache);
    const sizes = entriesOf(cache).map((e) => statSync(e).size);
    const cap = Math.max(...sizes) + 10;
    write(root, { 'app/dao.py': SAFE_DAO });
    const capped = await cachedScan(root, cache, {}, cap);
    expect(capped.stats.evicted).toBeGreaterThan(0);
    const info = resultCacheInfo(cache);
    expect(info.bytes).toBeLessThanOrEqual(cap);
    expect(info.entries).toBeGreaterThan(0);
  });

  it('the library API does not cache unless asked; info and clean', async () => {
    const root = project(VIEW_TO_DAO);
    const home = tempDir('krait-cache-home-');
    const saved = { x: process.env['XDG_CACHE_HOME'], k: process.env['KRAIT_CACHE_DIR'] };
    process.env['XDG_CACHE_HOME'] = home;
    delete process.env['KRAIT_CACHE_DIR'];
    try {
      await scan({ targets: [root], cwd: root, config: false, jobs: 1 });
      expect(readdirSync(home)).toEqual([]);
      await scan({ targets: [root], cwd: root, config: false, jobs: 1, cache: true });
      expect(resultCacheInfo(path.join(home, 'krait')).entries).toBe(4);
    } finally {
      if (saved.x === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved.x;
      if (saved.k !== undefined) process.env['KRAIT_CACHE_DIR'] = saved.k;
    }
    const dir = path.join(home, 'krait');
    expect(existsSync(path.join(dir, 'CACHEDIR.TAG'))).toBe(true);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('*');
    expect(cleanResultCache(dir).entries).toBe(4);
    expect(resultCacheInfo(dir)).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('a cache folder inside the audited tree is not audited', async () => {
    const root = project(VIEW_TO_DAO);
    const cache = path.join(root, 'cachedir');
    const cold = await cachedScan(root, cache);
    const warm = await cachedScan(root, cache);
    expect(warm.report.files.map((f) => f.path).filter((p) => p.startsWith('cachedir'))).toEqual([]);
    expect(warm.stats).toMatchObject({ hits: 4, misses: 0 });
    expect(warm.report.findings).toEqual(cold.report.findings);
  });

  it('stableJson sorts keys at every depth', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
