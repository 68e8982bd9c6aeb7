#!/usr/bin/env node
/**
 * Scores krait on the labelled vulnerable/safe cases in bench/labelled/cases: each case
 * folder is scanned on its own (default settings, the result cache in a temporary folder),
 * and a case counts as flagged when an active finding carries a CWE of the case's category.
 * A vulnerable case flagged is a true positive, a safe case flagged a false positive.
 *
 * Usage: node scripts/score-labelled.mjs [--only=PREFIX] [--list] [--krait=CHECKOUT] [--cases=DIR]
 * (`--cases` scores another folder of cases in the same layout: a held-out set kept outside the repository).
 * Prints one line per category and the totals (JSON counts); --list adds the misses and
 * false positives with the findings seen and the case's note.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const krait = path.join(arg('krait') ?? repo, 'bin/krait.js');
const only = arg('only') ?? '';
const list = process.argv.includes('--list');
/** The CWEs that count as a finding of each category (the category's own and its close kin). */
const FAMILIES = {
  command: [78, 77, 88], code: [94, 95, 96, 1336, 470], // (470: unsafe reflection, an import or attribute the input names)
  sql: [89, 564], nosql: [943], xss: [79, 80, 116], path: [22, 23, 36, 73],
  ssrf: [918], redirect: [601], header: [113, 93], deserialization: [502], xxe: [611, 776, 827], ldap: [90], xpath: [643],
  template: [1336, 94, 95, 79], 'weak-random': [330, 338], log: [117, 93], credentials: [798, 259, 321],
};
/** Other spellings of the categories (`sql-injection`, `open-redirect`, `ssti`, …) → the keys of {@link FAMILIES}. */
const ALIASES = {
  'path-traversal': 'path', 'open-redirect': 'redirect', ssti: 'template', 'template-injection': 'template',
  'insecure-randomness': 'weak-random', 'hardcoded-credentials': 'credentials', 'hardcoded-secret': 'credentials',
  deserialisation: 'deserialization', 'insecure-deserialization': 'deserialization',
};
/** The family of a label's category: its own key, an alias, or the key without `-injection`. */
const familyOf = (category) => FAMILIES[category] ?? FAMILIES[ALIASES[category]] ?? FAMILIES[String(category).replace(/-injection$/, '')] ?? [];
/** A CWE written 89, "89" or "CWE-89" as a number. */
const cweNumber = (w) => Number(String(w).replace(/\D/g, ''));
const root = path.resolve(arg('cases') ?? path.join(repo, 'bench/labelled/cases'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'krait-labelled-'));
const tally = {};
const rows = [];
for (const c of fs.readdirSync(root).sort().filter((x) => x.startsWith(only))) {
  const dir = path.join(root, c);
  const label = JSON.parse(fs.readFileSync(path.join(dir, 'label.json'), 'utf8'));
  const out = path.join(work, `${c}.json`);
  try {
    execFileSync('node', [krait, 'scan', dir, '--format', 'json', '-o', out, '--cache-dir', path.join(work, 'cache')], { stdio: 'ignore' });
  } catch {
    // exit 1 when findings are reported: the report is written all the same
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const family = new Set([...familyOf(label.category), ...(label.cwe === undefined ? [] : [cweNumber(label.cwe)])]);
  const hits = report.findings.filter((f) => (f.cwe ?? []).some((w) => family.has(cweNumber(w))));
  const kind = label.vulnerable ? (hits.length ? 'TP' : 'FN') : hits.length ? 'FP' : 'TN';
  (tally[label.category] ??= { TP: 0, FN: 0, TN: 0, FP: 0 })[kind]++;
  rows.push([c, kind, label.category, hits.map((f) => `${f.ruleId}@${path.basename(f.location.path)}:${f.location.startLine}`).join(' '), label.note ?? '']);
}
fs.rmSync(work, { recursive: true, force: true });
const total = { TP: 0, FN: 0, TN: 0, FP: 0 };
for (const [category, t] of Object.entries(tally)) {
  console.log(category.padEnd(16), JSON.stringify(t));
  for (const k of Object.keys(total)) total[k] += t[k];
}
console.log('TOTAL', JSON.stringify(total));
if (list) for (const r of rows) if (r[1] === 'FN' || r[1] === 'FP') console.log(r.join(' | '));
