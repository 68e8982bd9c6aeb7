#!/usr/bin/env node
// `npm run bench [-- CORPUS] [--runs N] [--jobs N] [--start-up]`: scan a corpus of real Python with krait
// and, when they are installed, bandit (Debian's `bandit`) and ruff's S rules
// (@astral-sh/ruff-wasm-nodejs, a devDependency), side by side on this machine, and print
// each one's wall time and the ratios; krait cold (no result cache, or an empty one) and
// warm (every file's results from the cache of the cold run), krait's peak RSS (whole
// process, every worker thread: KRAIT_TIMINGS), and the start-up cost: one tiny file alone
// in a fresh folder (min and median of 10 runs). Default corpus: the standard library of the machine's python3 (without
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
const startUpOnly = args.includes('--start-up');
if (startUpOnly) args.splice(args.indexOf('--start-up'), 1);

// Start-up: one tiny file (three lines, one finding) alone in a fresh folder (a crowded
// folder such as /tmp would add the cost of listing it for ignored .env files), with the
// default options — text and JSON — and cold (--no-cache): at least 10 runs each, min and
// median (this machine is shared and noisy: the min is the figure to compare).
const tinyRuns = Math.max(runs, 10);
/** The start-up figures: wall seconds, min and median of `tinyRuns` runs each. */
function startUp() {
  const tinyDir = mkdtempSync(path.join(tmpdir(), 'krait-bench-tiny-'));
  const tinyCache = mkdtempSync(path.join(tmpdir(), 'krait-bench-tiny-cache-'));
  writeFileSync(path.join(tinyDir, 'tiny.py'), 'import os\nx = input()\nos.system(x)\n');
  /** Wall seconds of `krait scan tiny.py ARGS` (in the tiny folder), min and median of `tinyRuns` runs. */
  function tinyScan(label, extra, check) {
    const times = [];
    let note = '';
    for (let i = 0; i < tinyRuns; i++) {
      const t0 = performance.now();
      // The user's cache directory is a fresh one (XDG_CACHE_HOME), so the default result cache is used without touching ~/.cache.
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/krait.js'), 'scan', 'tiny.py', ...extra], { cwd: tinyDir, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: tinyCache, NO_COLOR: '1' } });
      times.push((performance.now() - t0) / 1000);
      if (r.status !== 1) throw new Error(`krait failed (exit ${r.status}): ${r.stderr}`);
      note = check(r.stdout);
    }
    times.sort((a, b) => a - b);
    return { label, seconds: times[0], median: times[Math.floor((times.length - 1) / 2)], extra: note };
  }
  const oneFinding = (n) => `${n} finding${n === 1 ? '' : 's'}; target 0.4 s`;
  const figures = [
    tinyScan('krait one tiny file, text', [], (out) => oneFinding((/^FINDINGS \((\d+)\)/m.exec(out) ?? [0, NaN])[1] * 1)),
    tinyScan('krait one tiny file, JSON', ['--format', 'json'], (out) => oneFinding(JSON.parse(out).findings.length)),
    tinyScan('krait one tiny file, JSON, no cache', ['--format', 'json', '--no-cache'], (out) => oneFinding(JSON.parse(out).findings.length)),
  ];
  rmSync(tinyDir, { recursive: true, force: true });
  rmSync(tinyCache, { recursive: true, force: true });
  return figures;
}

/** Print the start-up figures. */
function printStartUp(single) {
  for (const t of single) console.log(`${t.label.padEnd(34)} ${t.seconds.toFixed(2).padStart(8)}   ${''.padEnd(12)} min of ${tinyRuns} (median ${t.median.toFixed(2)}); ${t.extra}`);
}
// `npm run bench -- --start-up`: the start-up figures alone.
if (startUpOnly) {
  printStartUp(startUp());
  process.exit(0);
}

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

const single = startUp();

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
printStartUp(single);

