#!/usr/bin/env node
/**
 * Compile the data the dependency audit ships with (`data/`), from the shared snapshots:
 *
 * - `data/advisories.json.gz`: the PyPA advisory database (OSV format, CC-BY-4.0) found in
 *   `<project>/../shared/advisory-database/vulns/<package>/*.yaml`, slimmed to what
 *   matching needs (id, aliases, a one-line summary, dates, CVSS vectors, the PyPI
 *   `affected` entries with their ECOSYSTEM ranges and explicit versions). Withdrawn
 *   advisories are left out; GIT ranges are dropped (krait matches PyPI versions, and the
 *   OSV schema evaluates GIT ranges against commits, which a manifest never names).
 *   Range *evaluation* is not done here: it happens at run time in `src/deps/osv.ts`,
 *   the one implementation of the OSV pseudocode (also used for `krait db update` data).
 * - `data/top-pypi-packages.json.gz`: the project names of
 *   `<project>/../shared/data/top-pypi-packages.tsv`, in rank order.
 * - `data/ADVISORIES-LICENSE.md`: the attribution the CC-BY-4.0 licence asks for.
 *
 * Usage: `npm run build:data` (or `node scripts/build-advisories.mjs [sharedDir]`).
 * Output is deterministic (sorted, no build time stamp) so that a rebuild from the same
 * snapshot gives byte-identical files.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '..');
const shared = resolve(process.argv[2] ?? join(project, '..', 'shared'));
const advisoryRoot = join(shared, 'advisory-database');
const vulnsDir = join(advisoryRoot, 'vulns');
const topTsv = join(shared, 'data', 'top-pypi-packages.tsv');
const outDir = join(project, 'data');

if (!existsSync(vulnsDir)) {
  console.error(`build-advisories: ${vulnsDir} not found; pass the shared folder as the first argument`);
  process.exit(1);
}

/** PEP 503 normalised project name. */
const normalizeName = (n) => String(n).toLowerCase().replace(/[-_.]+/g, '-');

/** A sentence that only describes the project (mirrors src/deps/osv.ts). */
const DESCRIBES_PROJECT = /^(?!There |It |This |That )[^.!?]{0,80}?\b(?:is|are)\s+(?:a|an|the)\s/i;
/** The first sentence (at least 20 characters; `e.g.`, `i.e.` and `vs.` do not end one). */
const SENTENCE = /^(.{20,}?(?<!\b(?:e\.g|i\.e|vs))[.!?])(\s|$)/;
const AFFECTS_PACKAGE = /^This affects (?:all versions of )?(?:the )?package\b/i;
const NAMES_FLAW = /vulnerab|attacker|inject|overflow|over-?read|infinite loop|denial of service|\bdos\b|bypass|crash|segfault|exploit|xss|cross-site|segv|escalat|disclos|travers|forgery|csrf|ssrf|flaw/i;

/**
 * The summary, else the first sentence of the details that says something about the flaw
 * (leading sentences that only describe the project skipped), at most 200 characters.
 */
function summaryOf(doc) {
  const own = typeof doc.summary === 'string' && doc.summary.trim() !== '';
  const text = String(own ? doc.summary : (doc.details ?? '')).replace(/\s+/g, ' ').trim();
  if (!text) return '';
  let rest = text;
  let sentence = SENTENCE.exec(rest)?.[1] ?? rest;
  for (let i = 0; !own && i < 5 && sentence.length < rest.length; i++) {
    if (!AFFECTS_PACKAGE.test(sentence) && !(DESCRIBES_PROJECT.test(sentence) && !NAMES_FLAW.test(sentence))) break;
    rest = rest.slice(sentence.length).trim();
    sentence = SENTENCE.exec(rest)?.[1] ?? rest;
  }
  return sentence.length > 200 ? sentence.slice(0, 199) + '…' : sentence;
}

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ya?ml|json)$/.test(name)) yield p;
  }
}

const advisories = [];
let files = 0;
let withdrawn = 0;
let skippedNoPypi = 0;
const errors = [];
for (const file of walk(vulnsDir)) {
  files++;
  let doc;
  try {
    const text = readFileSync(file, 'utf8');
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    errors.push(`${file}: ${e.message}`);
    continue;
  }
  if (!doc || typeof doc.id !== 'string') {
    errors.push(`${file}: no id`);
    continue;
  }
  if (doc.withdrawn) {
    withdrawn++;
    continue;
  }
  const affected = [];
  for (const a of doc.affected ?? []) {
    if (a?.package?.ecosystem !== 'PyPI' || !a.package.name) continue;
    const ranges = (a.ranges ?? [])
      .filter((r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER')
      .map((r) => ({ type: r.type, events: (r.events ?? []).map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)]))) }));
    const entry = { name: normalizeName(a.package.name), ranges };
    if (Array.isArray(a.versions) && a.versions.length) entry.versions = a.versions.map(String);
    const dbSev = a.database_specific?.severity ?? a.ecosystem_specific?.severity;
    if (typeof dbSev === 'string') entry.severity = dbSev;
    if (Array.isArray(a.severity) && a.severity.length) entry.cvss = a.severity.map((s) => ({ type: s.type, score: String(s.score) }));
    affected.push(entry);
  }
  if (!affected.length) {
    skippedNoPypi++;
    continue;
  }
  const rec = { id: doc.id };
  if (doc.aliases?.length) rec.aliases = doc.aliases.map(String);
  const summary = summaryOf(doc);
  if (summary) rec.summary = summary;
  if (doc.published) rec.published = String(doc.published).slice(0, 10);
  if (doc.modified) rec.modified = String(doc.modified);
  if (Array.isArray(doc.severity) && doc.severity.length) rec.severity = doc.severity.map((s) => ({ type: s.type, score: String(s.score) }));
  const dbSev = doc.database_specific?.severity;
  if (typeof dbSev === 'string') rec.databaseSeverity = dbSev;
  const advisoryRef = (doc.references ?? []).find((r) => r.type === 'ADVISORY')?.url;
  if (advisoryRef) rec.url = advisoryRef;
  rec.affected = affected;
  advisories.push(rec);
}
if (errors.length) {
  for (const e of errors) console.error(`build-advisories: ${e}`);
  process.exit(1);
}
advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const sourceLine = existsSync(join(advisoryRoot, 'SOURCE')) ? readFileSync(join(advisoryRoot, 'SOURCE'), 'utf8').trim() : '';
const commit = /\b([0-9a-f]{40})\b/.exec(sourceLine)?.[1] ?? 'unknown';
const dateMatch = /\(([^)]*\d{4}[^)]*)\)/.exec(sourceLine)?.[1];
const snapshotDate = dateMatch ? new Date(dateMatch).toISOString().slice(0, 10) : advisories.reduce((m, a) => (a.modified > m ? a.modified : m), '').slice(0, 10);
const newest = advisories.reduce((m, a) => (a.modified && a.modified > m ? a.modified : m), '');

const db = {
  format: 1,
  source: 'PyPA advisory-database (embedded snapshot)',
  repository: 'https://github.com/pypa/advisory-database',
  commit,
  date: snapshotDate,
  newestModified: newest,
  license: 'CC-BY-4.0',
  // Before the advisories: a scan with nothing to match reads only this header (src/deps/database.ts, readDatabaseHeader).
  count: advisories.length,
  advisories,
};
mkdirSync(outDir, { recursive: true });
const dbJson = JSON.stringify(db);
const dbGz = gzipSync(Buffer.from(dbJson), { level: 9 });
// gzip's header holds an mtime (0 from node:zlib) so the output is reproducible.
writeFileSync(join(outDir, 'advisories.json.gz'), dbGz);

// Top PyPI names.
const topLines = readFileSync(topTsv, 'utf8').split(/\r?\n/);
const names = [];
for (const line of topLines.slice(1)) {
  const [rank, name] = line.split('\t');
  if (!name || !/^\d+$/.test(rank)) continue;
  names.push(name.trim());
}
const topSource = existsSync(join(shared, 'data', 'SOURCE-top-pypi-packages.txt'))
  ? readFileSync(join(shared, 'data', 'SOURCE-top-pypi-packages.txt'), 'utf8').trim()
  : '';
const topGz = gzipSync(Buffer.from(JSON.stringify({ format: 1, source: topSource, names })), { level: 9 });
writeFileSync(join(outDir, 'top-pypi-packages.json.gz'), topGz);

const license = `# Data attribution

## data/advisories.json.gz

Compiled by \`scripts/build-advisories.mjs\` from the **PyPA Advisory Database**
(<https://github.com/pypa/advisory-database>), snapshot at commit \`${commit}\`
(${sourceLine || 'no SOURCE file'}).

The advisory data is licensed under the Creative Commons Attribution 4.0 International
licence (CC-BY-4.0, <https://creativecommons.org/licenses/by/4.0/>). Changes made: the
records were converted from YAML to JSON, withdrawn advisories and GIT ranges were
removed, \`details\` was shortened to its first sentence, and references other than the
advisory link were dropped. The full records are at the URLs above.

## data/top-pypi-packages.json.gz

Project names, in rank order, from \`top-pypi-packages.tsv\`: ${topSource || 'no SOURCE file'}
`;
writeFileSync(join(outDir, 'ADVISORIES-LICENSE.md'), license);

console.log(
  `build-advisories: ${files} files, ${advisories.length} advisories kept (${withdrawn} withdrawn, ${skippedNoPypi} without PyPI entries); ` +
    `advisories.json.gz ${dbGz.length} bytes (${dbJson.length} raw); top names ${names.length}, ${topGz.length} bytes; commit ${commit}`,
);
