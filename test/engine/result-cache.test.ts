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

/** The per-file entries (not the cross-module step's second looks, `<key>.look`). */
const entriesOf = (cacheDir: string) => filesUnder(path.join(cacheDir, 'results')).filter((f) => !f.endsWith('.look'));
const looksOf = (cacheDir: string) => filesUnder(path.join(cacheDir, 'results')).filter((f) => f.endsWith('.look'));

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
    // views.py calls into dao.py: its second look is kept too.
    expect(cold.stats).toMatchObject({ lookHits: 0, lookMisses: 1, lookStored: 1 });
    const warm = await cachedScan(root, cache);
    expect(warm.stats).toMatchObject({ hits: 4, misses: 0, stored: 0, rejected: 0, lookHits: 1, lookMisses: 0, lookStored: 0 });
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
      // Four files and the second look at the one caller.
      expect(resultCacheInfo(path.join(home, 'krait')).entries).toBe(5);
    } finally {
      if (saved.x === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved.x;
      if (saved.k !== undefined) process.env['KRAIT_CACHE_DIR'] = saved.k;
    }
    const dir = path.join(home, 'krait');
    expect(existsSync(path.join(dir, 'CACHEDIR.TAG'))).toBe(true);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('*');
    expect(cleanResultCache(dir).entries).toBe(5);
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

describe('second looks in the result cache', () => {
  const uncached = (root: string) => scan({ targets: [root], cwd: root, config: false, jobs: 1 });
  const DAO = 'import sqlite3\ndef run_query(term):\n    sqlite3.connect("x.db").execute("SELECT * FROM t WHERE a = \'" + term + "\'")\n';
  const SAFE = 'import sqlite3\ndef run_query(term):\n    sqlite3.connect("x.db").execute("SELECT * FROM t WHERE a = ?", (term,))\n';
  const view = (route: string) => `from flask import Flask, request\nfrom p import service\napp = Flask(__name__)\n@app.route("/${route}")\ndef ${route}():\n    service.handle(request.args["q"])\n    return "ok"\n`;
  // Two views hand request data to one service, which hands it to the data-access module.
  const CHAIN = {
    'p/__init__.py': '',
    'p/dao.py': DAO,
    // (It also returns what it was given: the views load it on that fact alone, without reading dao.py's facts.)
    'p/service.py': 'from p import dao\ndef handle(term):\n    dao.run_query(term)\n    return term\n',
    'p/views1.py': view('a'),
    'p/views2.py': view('b'),
    'p/other.py': 'import subprocess\ndef go(c):\n    subprocess.call(c, shell=True)\n',
  };

  it('a caller is looked at again only when a file its second look read changed, however deep', async () => {
    const root = project(CHAIN);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(cold.stats).toMatchObject({ lookHits: 0, lookMisses: 2, lookStored: 2 });
    expect(sqlAt(cold.report.findings, 'p/dao.py')).toHaveLength(1);
    expect(looksOf(cache)).toHaveLength(2);
    const warm = await cachedScan(root, cache);
    expect(warm.stats).toMatchObject({ lookHits: 2, lookMisses: 0 });
    expect(stable(warm.report)).toEqual(stable(cold.report));
    // A file neither view's flow goes through: both second looks stand.
    write(root, { 'p/other.py': 'import subprocess\ndef go(c):\n    subprocess.call(["ls", c])\n' });
    const other = await cachedScan(root, cache);
    expect(other.stats).toMatchObject({ misses: 1, lookHits: 2, lookMisses: 0 });
    expect(stable(other.report)).toEqual(stable(await uncached(root)));
    // The sink two levels down is now a shell command: both views are looked at again. The
    // second view reused the service's analysis made for the first, which alone read dao.py.
    write(root, { 'p/dao.py': 'import os\ndef run_query(term):\n    os.system("grep " + term + " /var/db")\n' });
    const shell = await cachedScan(root, cache);
    expect(shell.stats).toMatchObject({ misses: 1, lookHits: 0, lookMisses: 2, lookStored: 2 });
    expect(sqlAt(shell.report.findings, 'p/dao.py')).toHaveLength(0);
    expect(shell.report.findings.filter((f) => f.location.path === 'p/dao.py' && (f.ruleId === 'KR102' || f.relatedRuleIds?.includes('KR102')))).toHaveLength(1);
    expect(stable(shell.report)).toEqual(stable(await uncached(root)));
    // Safe: looked at again, and no flow left.
    write(root, { 'p/dao.py': SAFE });
    const safe = await cachedScan(root, cache);
    expect(safe.stats).toMatchObject({ misses: 1, lookHits: 0, lookMisses: 2 });
    expect(sqlAt(safe.report.findings, 'p/dao.py')).toHaveLength(0);
    expect(stable(safe.report)).toEqual(stable(await uncached(root)));
    // Back to the vulnerable sink: its per-file entry answers; a caller keeps one second look
    // (the last), which read the safe version: both are taken again.
    write(root, { 'p/dao.py': DAO });
    const back = await cachedScan(root, cache);
    expect(back.stats).toMatchObject({ hits: 6, misses: 0, lookHits: 0, lookMisses: 2 });
    expect(looksOf(cache)).toHaveLength(2);
    expect(sqlAt(back.report.findings, 'p/dao.py')).toHaveLength(1);
    expect(stable(back.report)).toEqual(stable(await uncached(root)));
  });

  it('a callee that was not worth loading is a dependency too: once it returns request data, the caller is looked at again', async () => {
    const root = project({
      'q/__init__.py': '',
      'q/dao.py': DAO,
      'q/helpers.py': 'import os\ndef get():\n    return os.environ.get("X", "")\n',
      'q/views.py': 'import os\nfrom flask import Flask, request\nfrom q import dao, helpers\napp = Flask(__name__)\n@app.route("/v")\ndef v():\n    dao.run_query(request.args["q"])\n    os.system("ls " + helpers.get())\n    return "ok"\n',
    });
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(cold.stats).toMatchObject({ lookMisses: 1, lookStored: 1 });
    // The shell command in the view gets what the helper returns.
    const throughHelper = (r: Report) => r.findings.filter((f) => f.location.path === 'q/views.py' && f.trace?.some((s) => s.location.path === 'q/helpers.py'));
    expect(throughHelper(cold.report)).toHaveLength(0);
    write(root, { 'q/helpers.py': 'from flask import request\ndef get():\n    return request.args.get("y", "")\n' });
    const edited = await cachedScan(root, cache);
    expect(edited.stats).toMatchObject({ hits: 3, misses: 1, lookHits: 0, lookMisses: 1 });
    const fresh = await uncached(root);
    expect(throughHelper(fresh)).toHaveLength(1);
    expect(stable(edited.report)).toEqual(stable(fresh));
  });

  it('an answer about a chain of calls, worked out for one caller, is a dependency of the next caller that reuses it', async () => {
    // view → service → mid → dao, each passing the argument on; dao is harmless at first,
    // so no analysis loads the chain and only the facts of mid.py and dao.py say so.
    const viewQ = (route: string) => `from flask import Flask, request\nfrom r import service, sink\napp = Flask(__name__)\n@app.route("/${route}")\ndef ${route}():\n    service.handle(request.args["q"])\n    sink.run(request.args["c"])\n    return "ok"\n`;
    const root = project({
      'r/__init__.py': '',
      'r/dao.py': 'def run_query(term):\n    print(term)\n',
      'r/mid.py': 'from r import dao\ndef f(term):\n    dao.run_query(term)\n',
      'r/service.py': 'from r import mid\ndef handle(term):\n    mid.f(term)\n',
      'r/sink.py': 'import subprocess\ndef run(c):\n    subprocess.call(c, shell=True)\n',
      'r/views1.py': viewQ('a'),
      'r/views2.py': viewQ('b'),
    });
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    expect(cold.stats).toMatchObject({ lookMisses: 2, lookStored: 2 });
    const atDao = (r: Report) => r.findings.filter((f) => f.location.path === 'r/dao.py' && (f.ruleId === 'KR102' || f.relatedRuleIds?.includes('KR102')));
    expect(atDao(cold.report)).toHaveLength(0);
    write(root, { 'r/dao.py': 'import os\ndef run_query(term):\n    os.system("grep " + term)\n' });
    const edited = await cachedScan(root, cache);
    expect(edited.stats).toMatchObject({ lookHits: 0, lookMisses: 2 });
    const fresh = await uncached(root);
    expect(atDao(fresh)).toHaveLength(1);
    expect(stable(edited.report)).toEqual(stable(fresh));
  });

  it('adding a module is a new project: every second look is taken again', async () => {
    const root = project(CHAIN);
    const cache = tempDir('krait-cache-');
    await cachedScan(root, cache);
    write(root, { 'p/extra.py': 'X = 1\n' });
    const more = await cachedScan(root, cache);
    expect(more.stats).toMatchObject({ misses: 1, lookHits: 0, lookMisses: 2 });
    expect(stable(more.report)).toEqual(stable(await uncached(root)));
  });

  it('a corrupt second-look entry is ignored and the caller looked at again', async () => {
    const root = project(CHAIN);
    const cache = tempDir('krait-cache-');
    const cold = await cachedScan(root, cache);
    const [a, b] = looksOf(cache) as [string, string];
    writeFileSync(a, readFileSync(a).subarray(0, 100));
    const text = readFileSync(b, 'utf8');
    const nl = text.indexOf('\n');
    // A well-formed entry whose body is not a second look.
    const body = JSON.stringify({ caller: 'p/views1.py', deps: [] });
    const header = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
    const { createHash } = await import('node:crypto');
    writeFileSync(b, JSON.stringify({ ...header, length: Buffer.byteLength(body), sha256: createHash('sha256').update(body).digest('hex') }) + '\n' + body);
    const warm = await cachedScan(root, cache);
    expect(warm.stats).toMatchObject({ lookHits: 0, lookMisses: 2, rejected: 2, lookStored: 2 });
    expect(stable(warm.report)).toEqual(stable(cold.report));
  });
});
