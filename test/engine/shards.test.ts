import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir, tempProject } from '../helpers/temp-project.js';
import { scan, UsageError, type ScanOptions } from '../../src/pipeline/scan.js';
import { mergeShards, parseShardSpec, scanShard, shardOf, maskSecretsInText, type ShardFile } from '../../src/pipeline/shard.js';
import type { Report } from '../../src/report/model.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');
cleanTempDirs();

const project = (files: Record<string, string>): string => tempProject(files, 'krait-shard-proj-');

const SECRET = 'ghp_' + 'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB';
const PASSWORD = 's3cr3t-' + 'Pa55w0rd-Xy7Qz';

// view → service → dao (a cross-module flow over two calls), secrets in code, .env and a
// Dockerfile, a requirements file with advisories, and a few plain files.
const APP: Record<string, string> = {
  'app/__init__.py': '',
  'app/views.py': 'from flask import Flask, request\nfrom app import service\napp = Flask(__name__)\n\n@app.route("/u")\ndef user():\n    name = request.args.get("name", "")\n    return str(service.find_user(name))\n',
  'app/service.py': 'from app import dao\n\ndef find_user(name):\n    return dao.lookup(name.strip())\n',
  'app/dao.py': 'import sqlite3\n\ndef lookup(user):\n    cur = sqlite3.connect("x.db").cursor()\n    cur.execute("SELECT * FROM users WHERE name = \'" + user + "\'")\n    return cur.fetchall()\n',
  'app/conf.py': `import requests\nTOKEN = "${SECRET}"\nDB_PASSWORD = "${PASSWORD}"\nrequests.get("https://api.github.com/user", headers={"Authorization": "token " + TOKEN})\n`,
  'app/util.py': 'import subprocess, hashlib, pickle\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\ndef h(x):\n    return hashlib.md5(x).hexdigest()\ndef load(b):\n    return pickle.loads(b)\n',
  'requirements.txt': 'flask==0.12\nrequests==2.19.0\npyyaml==5.1\n',
  Dockerfile: `FROM python:3.8\nENV API_TOKEN=${SECRET}\nCOPY . /app\nRUN pip install -r requirements.txt\nCMD ["python", "app/views.py"]\n`,
  '.env': `SECRET_KEY=${SECRET.slice(4)}\nDEBUG=true\n`,
};

const BASE: Partial<ScanOptions> = { config: false, jobs: 1, cache: false };

/** The report without what changes from run to run. */
function stable(r: Report): unknown {
  const { startedAt: _s, durationMs: _d, ...rest } = r;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

/** Write the N shards of `root` to files; returns their paths. */
async function writeShards(root: string, n: number, extra: Partial<ScanOptions> = {}, out = tempDir('krait-shards-')): Promise<string[]> {
  const files: string[] = [];
  for (let k = 1; k <= n; k++) {
    const s = await scanShard({ targets: [root], cwd: root, ...BASE, ...extra }, { k, n });
    const file = path.join(out, `shard-${k}-of-${n}-${files.length}.json`);
    writeFileSync(file, JSON.stringify(s));
    files.push(file);
  }
  return files;
}

const readShard = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ShardFile;

async function refusal(files: string[]): Promise<string> {
  try {
    await mergeShards(files);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('merge did not refuse');
}

describe('shards: krait scan --shard K/N and krait merge', () => {
  it('a project in 3 shards, merged without the checkout, gives the report of one unsharded scan', async () => {
    // A git repository with a committed .env and an ignored .env.local (git's view is recorded by the shards).
    const root = project({ ...APP, '.gitignore': '.env.local\n', '.env.local': `LOCAL_TOKEN=${PASSWORD}\n` });
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.env', 'app');
    git('commit', '-qm', 'init');
    const whole = await scan({ targets: [root], cwd: root, ...BASE });
    // The scan finds what this test is about: a flow across three modules, secrets, advisories, posture.
    const flow = whole.findings.find((f) => f.location.path === 'app/dao.py' && (f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101')));
    expect(flow?.trace?.map((t) => t.location.path)).toEqual(expect.arrayContaining(['app/views.py', 'app/service.py', 'app/dao.py']));
    expect(whole.findings.filter((f) => f.category === 'secrets').map((f) => f.location.path)).toEqual(expect.arrayContaining(['app/conf.py', '.env', 'Dockerfile']));
    expect(whole.findings.some((f) => f.ruleId === 'KR501')).toBe(true);
    expect(whole.findings.some((f) => f.ruleId.startsWith('KR35'))).toBe(true);
    expect(whole.posture?.envFiles?.map((e) => [e.path, e.gitignored, e.tracked])).toEqual([['.env', false, true], ['.env.local', true, false]]);

    const files = await writeShards(root, 3);
    // Every shard analysed some of the files, and only its own.
    for (const f of files) expect(readShard(f).results.length).toBeGreaterThan(0);
    rmSync(root, { recursive: true, force: true });
    const merged = await mergeShards(files);
    expect(merged.findings.map((f) => f.fingerprint)).toEqual(whole.findings.map((f) => f.fingerprint));
    expect(stable(merged)).toEqual(stable(whole));
  });

  it('the slices are stable and cover every file once', () => {
    expect(shardOf('app/views.py', 3)).toBe(shardOf('app/views.py', 3));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 300; i++) counts[shardOf(`pkg/mod${i}.py`, 4) - 1]++;
    for (const c of counts) expect(c).toBeGreaterThan(40);
    expect(parseShardSpec('2/3')).toEqual({ k: 2, n: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) expect(() => parseShardSpec(bad)).toThrow(UsageError);
  });

  it('a shard file never holds a secret in clear', async () => {
    const root = project(APP);
    const files = await writeShards(root, 2);
    for (const f of files) {
      const text = readFileSync(f, 'latin1');
      expect(text).not.toContain(SECRET.slice(4));
      expect(text).not.toContain(PASSWORD.slice(2));
    }
    // The masked text keeps the secret's shape: same length, what the report's mask shows.
    const masked = maskSecretsInText(`TOKEN = "${SECRET}"\n`, 'python');
    expect(masked).toHaveLength(`TOKEN = "${SECRET}"\n`.length);
    expect(masked.startsWith('TOKEN = "ghp_')).toBe(true);
    expect(masked).not.toContain(SECRET.slice(4));
  });

  it('refuses shards that do not fit together, each with its own message', async () => {
    const root = project(APP);
    const three = await writeShards(root, 3);
    const two = await writeShards(root, 2);
    const other = await writeShards(root, 3, { select: ['B6'] });
    expect(await refusal([three[0], three[2]])).toMatch(/missing shard 2\/3/);
    expect(await refusal([three[0], three[1], three[1], three[2]])).toMatch(/shard 2\/3 given twice/);
    expect(await refusal([three[0], three[1], two[1]])).toMatch(/same N/);
    expect(await refusal([three[0], three[1], other[2]])).toMatch(/another configuration/);
    const dir = tempDir('krait-bad-shards-');
    const foreign = path.join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ ...readShard(three[2]), krait: { version: '0.0.1', build: 'feedface' } }));
    expect(await refusal([three[0], three[1], foreign])).toMatch(/written by krait 0\.0\.1 .*merge with one krait/);
    const report = path.join(dir, 'report.json');
    writeFileSync(report, JSON.stringify(await scan({ targets: [root], cwd: root, ...BASE })));
    expect(await refusal([three[0], three[1], report])).toMatch(/report\.json is not a krait shard file/);
    const garbage = path.join(dir, 'garbage.json');
    writeFileSync(garbage, 'not json at all');
    expect(await refusal([garbage])).toMatch(/is not a krait shard file/);
  });

  it('refuses a shard that lost some of its files instead of dropping them', async () => {
    const root = project(APP);
    const files = await writeShards(root, 3);
    const k = files.findIndex((f) => readShard(f).results.length > 1);
    const s = readShard(files[k]);
    const dropped = s.results.pop()!;
    writeFileSync(files[k], JSON.stringify(s));
    expect(await refusal(files)).toMatch(new RegExp(`shard ${k + 1}/3 lacks the results of 1 file \\(${dropped.path.replace(/[.]/g, '\\.')}\\)`));
  });

  it('the CLI: --format is refused with --shard, -o is required, merge renders any format and applies --fail-on', () => {
    const root = project(APP);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const withFormat = run(['scan', '.', '--no-cache', '--shard', '1/2', '-f', 'json', '-o', 's1.json']);
    expect(withFormat.status).toBe(2);
    expect(withFormat.stderr).toMatch(/^krait: error: --format cannot be used with --shard/);
    const noOutput = run(['scan', '.', '--no-cache', '--shard', '1/2']);
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toMatch(/^krait: error: --shard needs -o FILE/);
    const out = tempDir('krait-cli-shards-');
    for (const k of [1, 2]) expect(run(['scan', '.', '--no-cache', '--no-config', '-q', '--shard', `${k}/2`, '-o', path.join(out, `s${k}.json`)]).status).toBe(0);
    const merged = run(['merge', path.join(out, 's1.json'), path.join(out, 's2.json'), '-f', 'sarif']);
    expect(merged.status).toBe(1);
    expect((JSON.parse(merged.stdout) as { version: string }).version).toBe('2.1.0');
    expect(run(['merge', path.join(out, 's1.json'), path.join(out, 's2.json'), '--fail-on', 'none', '-q']).status).toBe(0);
    const missing = run(['merge', path.join(out, 's1.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^krait: error: missing shard 2\/2/);
  });
});
