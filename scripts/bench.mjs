#!/usr/bin/env node
// `npm run bench [-- CORPUS] [--runs N] [--jobs N]`: scan a corpus of real Python with krait
// and, when they are installed, bandit (Debian's `bandit`) and ruff's S rules
// (@astral-sh/ruff-wasm-nodejs, a devDependency), side by side on this machine, and print
// each one's wall time and the ratios; krait cold (no result cache, or an empty one) and
// warm (every file's results from the cache of the cold run), krait's peak RSS (whole
// process, every worker thread: KRAIT_TIMINGS), and the start-up cost: one tiny file alone
// in a fresh folder. Default corpus: the standard library of the machine's python3 (without
// site-packages). Targets live here, never in timed tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i === -1) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const runs = Number(opt('--runs', '1'));
const jobs = opt('--jobs', undefined);

function defaultCorpus() {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    console.error('bench: no python3 to locate the standard library; give a corpus folder: npm run bench -- PATH');
    process.exit(2);
  }
}
const corpus = path.resolve(args[0] ?? defaultCorpus());

function pyFiles(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'site-packages' || e.name === '__pycache__') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
    }
  }
  return out;
}

function time(label, fn, n = runs) {
  const times = [];
  let extra = '';
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    extra = fn() ?? '';
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { label, seconds: times[Math.floor(times.length / 2)], extra };
}

const files = pyFiles(corpus);
const lines = files.reduce((n, f) => n + readFileSync(f, 'latin1').split('\n').length, 0);
console.log(`corpus: ${corpus}\n        ${files.length} Python files, ${lines} lines; ${runs} run(s) each, median wall time\n`);

const results = [];
/** Run krait on the corpus with extra arguments; returns the parsed JSON report. */
function kraitRun(extra) {
  // Cold unless a run names its result cache folder.
  const cache = extra.includes('--cache-dir') ? [] : ['--no-cache'];
  const a = [path.join(ROOT, 'bin/krait.js'), 'scan', corpus, '--format', 'json', '--exit-zero', '-q', '--no-config', ...cache, ...extra];
  if (jobs) a.push('--jobs', jobs);
  const r = spawnSync(process.execPath, a, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, KRAIT_TIMINGS: '1' } });
  if (r.status !== 0) throw new Error(`krait failed: ${r.stderr}`);
  const rep = JSON.parse(r.stdout);
  rep.peakRssMb = peakRss(r.stderr);
  return rep;
}
/** The largest `peak RSS N MB` of KRAIT_TIMINGS' stage lines (the process's getrusage maxRSS). */
function peakRss(stderr) {
  const all = [...stderr.matchAll(/peak RSS (\d+) MB/g)].map((m) => Number(m[1]));
  return all.length ? Math.max(...all) : undefined;
}
const mb = (n) => (n === undefined ? '' : `; peak RSS ${n} MB`);
// The files bandit reads: Python sources, not the wheels and zips krait also opens.
const SAME_AS_BANDIT = ['--include', '*.py', '--exclude', 'site-packages,*.whl,*.zip,*.egg,*.tar,*.tar.gz,*.tgz'];
results.push(
  time('krait (same files as bandit)', () => {
    const rep = kraitRun(SAME_AS_BANDIT);
    return `${rep.findings.length} findings, ${rep.files.length} files, every analysis${mb(rep.peakRssMb)}`;
  }),
);
// Cold: an empty result cache, filled by the run; warm: the same scan again, every file's
// per-file results read from that cache (the project pass and cross-module flows still run).
const cacheDir = mkdtempSync(path.join(tmpdir(), 'krait-bench-cache-'));
const cachedArgs = ['--exclude', 'site-packages', '--cache-dir', cacheDir];
let coldFindings;
results.push(
  time('krait (every file and archive)', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const rep = kraitRun(cachedArgs);
    coldFindings = JSON.stringify(rep.findings);
    return `${rep.findings.length} findings, ${rep.files.length} files (archives opened); cold, filling the result cache${mb(rep.peakRssMb)}`;
  }),
);
results.push(
  time('krait warm (result cache)', () => {
    const rep = kraitRun(cachedArgs);
    const same = JSON.stringify(rep.findings) === coldFindings ? 'same findings as cold' : 'FINDINGS DIFFER FROM COLD';
    return `${rep.findings.length} findings, ${rep.files.length} files; ${same}${mb(rep.peakRssMb)}`;
  }),
);
rmSync(cacheDir, { recursive: true, force: true });

// Start-up: one tiny file, alone in a fresh folder (a crowded folder such as /tmp would add
// the cost of listing it for ignored .env files), no result cache.
const tinyDir = mkdtempSync(path.join(tmpdir(), 'krait-bench-tiny-'));
const tiny = path.join(tinyDir, 'tiny.py');
writeFileSync(tiny, 'import os\n');
const single = time('krait one tiny file (start-up)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/krait.js'), 'scan', tiny, '--format', 'json', '--exit-zero', '-q', '--no-cache'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`krait failed: ${r.stderr}`);
  return `${JSON.parse(r.stdout).findings.length} findings; target 0.4 s`;
}, Math.max(runs, 5));
rmSync(tinyDir, { recursive: true, force: true });

const hasBandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).status === 0;
if (hasBandit) {
  results.push(
    time('bandit', () => {
      const r = spawnSync('bandit', ['-r', corpus, '-x', '*/site-packages/*', '-f', 'json', '-q'], { encoding: 'utf8', maxBuffer: 1 << 30 });
      try {
        return `${JSON.parse(r.stdout).results.length} findings`;
      } catch {
        return `exit ${r.status}`;
      }
    }),
  );
} else console.log('bandit: not installed (apt-get install bandit) — skipped');

let ruff;
try {
  ruff = createRequire(import.meta.url)('@astral-sh/ruff-wasm-nodejs');
} catch {
  console.log('ruff: @astral-sh/ruff-wasm-nodejs not installed (npm install) — skipped');
}
if (ruff) {
  results.push(
    time('ruff S rules (wasm, one thread)', () => {
      const w = new ruff.Workspace({ lint: { select: ['S'] } }, ruff.PositionEncoding.Utf16);
      let n = 0;
      for (const f of files) {
        try {
          n += w.check(readFileSync(f, 'utf8')).filter((d) => d.code && d.code.startsWith('S')).length;
        } catch {
          /* undecodable or unparsable file */
        }
      }
      return `${n} findings`;
    }),
  );
}

const base = results[0].seconds;
console.log('tool                               wall (s)   vs krait   notes');
for (const r of results) {
  const ratio = r === results[0] ? '1.0×' : r.seconds >= base ? `${(r.seconds / base).toFixed(1)}× slower` : `${(base / r.seconds).toFixed(1)}× faster`;
  console.log(`${r.label.padEnd(34)} ${r.seconds.toFixed(2).padStart(8)}   ${ratio.padEnd(12)} ${r.extra}`);
}
console.log(`${single.label.padEnd(34)} ${single.seconds.toFixed(2).padStart(8)}   ${''.padEnd(12)} median of ${Math.max(runs, 5)}; ${single.extra}`);

