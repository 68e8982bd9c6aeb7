// Triage statistics of a krait JSON report (docs/bandit-compatibility.md, "Triage on the
// standard library"): the share of triageable pattern findings dismissed, by verdict and
// by rule, and with `sample` a seeded random sample of 30 dismissed findings to check by hand.
//   node scripts/triage-stats.mjs krait.json [sample]
import { readFileSync } from 'node:fs';
import { TRIAGE_RULES } from '../dist/taint/triage.js';
const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const TRI = new Set([...TRIAGE_RULES.keys(), 'B403', 'B404', 'B405', 'B406', 'B407', 'B408', 'B409']);
const all = [...r.findings, ...(r.dismissed ?? [])].filter((f) => TRI.has(f.ruleId));
const dis = all.filter((f) => f.status === 'dismissed');
console.log(`triageable: ${all.length}, dismissed: ${dis.length} (${(100 * dis.length / all.length).toFixed(1)}%)`);
const byV = {}; for (const f of all) { const k = f.verdict?.kind ?? 'none'; byV[k] = (byV[k] ?? 0) + 1; }
console.log('by verdict (all triageable):', JSON.stringify(byV));
const byR = {};
for (const f of all) { const e = (byR[f.ruleId] ??= { total: 0, dismissed: 0, v: {} }); e.total++; if (f.status === 'dismissed') e.dismissed++; const k = f.verdict?.kind ?? 'none'; e.v[k] = (e.v[k] ?? 0) + 1; }
console.log('| rule | findings | dismissed | share | verdicts |');
for (const [id, e] of Object.entries(byR).sort((a, b) => b[1].total - a[1].total)) console.log(`| ${id} | ${e.total} | ${e.dismissed} | ${(100 * e.dismissed / e.total).toFixed(0)}% | ${Object.entries(e.v).map(([k, n]) => `${k} ${n}`).join(', ')} |`);
// seeded sample
let s = 20261201 >>> 0;
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const sorted = [...dis].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
const pick = [];
while (pick.length < 30 && sorted.length) pick.push(sorted.splice(Math.floor(rnd() * sorted.length), 1)[0]);
if (process.argv[3] === 'sample') for (const [i, f] of pick.entries()) {
  console.log(`\n#${i + 1} ${f.location.path}:${f.location.startLine} ${f.ruleId} ${f.verdict.kind}: ${f.verdict.reason}`);
  console.log(f.snippet);
}
