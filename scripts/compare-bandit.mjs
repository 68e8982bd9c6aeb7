#!/usr/bin/env node
/**
 * Compare krait's findings with bandit's, per check ID: same file, same line, same ID.
 *
 *   node scripts/compare-bandit.mjs BANDIT.json KRAIT.json [options]
 *
 *   BANDIT.json   `bandit -r DIR -f json -o BANDIT.json`
 *   KRAIT.json    `krait scan DIR --format json -o KRAIT.json`
 *
 * Options:
 *   --ids B301,B6        only these IDs or ID prefixes (default: every B-id either side reports)
 *   --only-common        only IDs both tools know (skips IDs retired in bandit 1.9, such as
 *                        B309/B322, and IDs an older bandit does not have)
 *   --examples N         examples shown per list (default 3; 0 for none)
 *   --bandit-root DIR    strip this prefix from bandit's paths (default: the common directory)
 *   --krait-root DIR     strip this prefix from krait's paths (default: the common directory)
 *   --json               print the table as JSON instead of text
 *
 * Output: one row per ID with matched / bandit-only / krait-only counts and recall
 * (matched / bandit), then examples (file:line and message) of each difference.
 * Findings are compared as a multiset of (file, line, ID), so two findings on one line
 * count twice. Exit code 0; the script reports, it does not judge.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

function usage(msg) {
  if (msg) process.stderr.write(`compare-bandit: ${msg}\n`);
  process.stderr.write('usage: node scripts/compare-bandit.mjs BANDIT.json KRAIT.json [--ids B3,B4] [--only-common] [--examples N] [--bandit-root DIR] [--krait-root DIR] [--json]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const files = [];
const opts = { ids: null, examples: 3, banditRoot: null, kraitRoot: null, json: false, onlyCommon: false };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--ids') opts.ids = (args[++i] ?? usage('--ids needs a value')).split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  else if (a === '--examples') opts.examples = Number(args[++i] ?? usage('--examples needs a number'));
  else if (a === '--bandit-root') opts.banditRoot = args[++i] ?? usage('--bandit-root needs a directory');
  else if (a === '--krait-root') opts.kraitRoot = args[++i] ?? usage('--krait-root needs a directory');
  else if (a === '--json') opts.json = true;
  else if (a === '--only-common') opts.onlyCommon = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else files.push(a);
}
if (files.length !== 2) usage('give a bandit JSON report and a krait JSON report');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    usage(`cannot read ${file}: ${err.message.split('\n')[0]}`);
  }
}

/** The longest directory prefix shared by every path (with a trailing slash), or ''. */
function commonDir(paths) {
  if (paths.length === 0) return '';
  let prefix = path.dirname(paths[0]);
  for (const p of paths) {
    while (prefix && !(p === prefix || p.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) {
      const up = path.dirname(prefix);
      prefix = up === prefix ? '' : up;
    }
  }
  return prefix ? (prefix.endsWith('/') ? prefix : `${prefix}/`) : '';
}

function normalise(items, root) {
  const abs = items.map((x) => ({ ...x, file: path.resolve(x.file) }));
  const prefix = root ? `${path.resolve(root)}/` : commonDir([...new Set(abs.map((x) => x.file))]);
  return abs.map((x) => ({ ...x, file: x.file.startsWith(prefix) ? x.file.slice(prefix.length) : x.file }));
}

const bandit = readJson(files[0]);
const krait = readJson(files[1]);
if (!Array.isArray(bandit.results)) usage(`${files[0]} is not a bandit JSON report (no "results")`);
if (!Array.isArray(krait.findings)) usage(`${files[1]} is not a krait JSON report (no "findings")`);

const b = normalise(
  bandit.results.map((r) => ({ id: r.test_id, file: r.filename, line: r.line_number, message: r.issue_text })),
  opts.banditRoot,
);
const k = normalise(
  krait.findings.filter((f) => /^B\d{3}$/.test(f.ruleId)).map((f) => ({ id: f.ruleId, file: f.location.path, line: f.location.startLine, message: f.message })),
  opts.kraitRoot,
);

const bandIds = new Set(b.map((x) => x.id));
const kraitIds = new Set(k.map((x) => x.id));
let ids = [...new Set([...bandIds, ...kraitIds])];
if (opts.ids) ids = ids.filter((id) => opts.ids.some((p) => id.startsWith(p)));
if (opts.onlyCommon) {
  const known = new Set((krait.checksPerformed ?? []).map((c) => (typeof c === 'string' ? c : c.id)).filter(Boolean));
  ids = ids.filter((id) => (known.size ? known.has(id) : kraitIds.has(id)) && bandIds.has(id));
}
ids.sort();

const key = (x) => `${x.file}\0${x.line}`;
const rows = [];
for (const id of ids) {
  const bl = b.filter((x) => x.id === id);
  const kl = k.filter((x) => x.id === id);
  const pool = new Map();
  for (const x of kl) {
    const list = pool.get(key(x)) ?? [];
    list.push(x);
    pool.set(key(x), list);
  }
  const matched = [];
  const banditOnly = [];
  for (const x of bl) {
    const list = pool.get(key(x));
    if (list && list.length) matched.push([x, list.shift()]);
    else banditOnly.push(x);
  }
  const kraitOnly = [...pool.values()].flat();
  rows.push({
    id,
    bandit: bl.length,
    krait: kl.length,
    matched: matched.length,
    banditOnly,
    kraitOnly,
    recall: bl.length ? matched.length / bl.length : null,
  });
}

if (opts.json) {
  const out = rows.map((r) => ({
    id: r.id,
    bandit: r.bandit,
    krait: r.krait,
    matched: r.matched,
    banditOnly: r.banditOnly.length,
    kraitOnly: r.kraitOnly.length,
    recall: r.recall,
    banditOnlyExamples: r.banditOnly.slice(0, opts.examples).map((x) => `${x.file}:${x.line}`),
    kraitOnlyExamples: r.kraitOnly.slice(0, opts.examples).map((x) => `${x.file}:${x.line}`),
  }));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const pct = (r) => (r === null ? '   -  ' : `${(r * 100).toFixed(1).padStart(5)}%`);
  const lines = ['ID      bandit   krait  matched  bandit-only  krait-only  recall'];
  let tb = 0;
  let tk = 0;
  let tm = 0;
  for (const r of rows) {
    tb += r.bandit;
    tk += r.krait;
    tm += r.matched;
    lines.push(
      `${r.id.padEnd(6)} ${String(r.bandit).padStart(7)} ${String(r.krait).padStart(7)} ${String(r.matched).padStart(8)} ${String(r.banditOnly.length).padStart(12)} ${String(r.kraitOnly.length).padStart(11)}  ${pct(r.recall)}`,
    );
  }
  lines.push(`${'total'.padEnd(6)} ${String(tb).padStart(7)} ${String(tk).padStart(7)} ${String(tm).padStart(8)} ${String(tb - tm).padStart(12)} ${String(tk - tm).padStart(11)}  ${pct(tb ? tm / tb : null)}`);
  if (opts.examples > 0) {
    for (const r of rows) {
      if (!r.banditOnly.length && !r.kraitOnly.length) continue;
      lines.push('', `${r.id}:`);
      for (const x of r.banditOnly.slice(0, opts.examples)) lines.push(`  bandit only  ${x.file}:${x.line}  ${x.message.slice(0, 100)}`);
      for (const x of r.kraitOnly.slice(0, opts.examples)) lines.push(`  krait only   ${x.file}:${x.line}  ${x.message.slice(0, 100)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
