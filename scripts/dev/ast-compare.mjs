// Development aid: compare krait's node-type counts with CPython's (see ast-counts.py).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parsePython } from '../../dist/python/parse.js';
import { walk, linkParents } from '../../dist/python/visit.js';
const files = process.argv.slice(2);
const py = JSON.parse(execFileSync('python3', [new URL('./ast-counts.py', import.meta.url).pathname, ...files], { maxBuffer: 1 << 30 }).toString());
const IGN = new Set(['Unparsed']);
let diffFiles = 0; const byType = {};
for (const f of files) {
  if (!py[f]) continue;
  const src = readFileSync(f, 'utf8');
  const r = parsePython(src); linkParents(r.module);
  const c = {};
  walk(r.module, (n) => { if (!IGN.has(n.type)) c[n.type] = (c[n.type] ?? 0) + 1; });
  const types = new Set([...Object.keys(c), ...Object.keys(py[f])]);
  let bad = false;
  for (const t of types) { const d = (c[t] ?? 0) - (py[f][t] ?? 0); if (d) { bad = true; byType[t] = (byType[t] ?? 0) + Math.abs(d); if (process.env.V) console.log(f, t, 'krait', c[t] ?? 0, 'cpython', py[f][t] ?? 0); } }
  if (bad) diffFiles++;
}
console.log('files', files.length, 'files differing', diffFiles, byType);
