#!/usr/bin/env node
/**
 * Compare krait's per-function cyclomatic complexity with radon's on a Python tree
 * (by default the standard library of the machine's python3, `site-packages` excluded).
 *
 *   npm run build && node scripts/compare-radon.mjs [ROOT] [--radon /usr/bin/radon] [--show N] [--lines]
 *
 * radon: `radon cc -j -s -i '.*,site-packages' ROOT`. krait: the compiled `dist/` (or the
 * folder in KRAIT_DIST), calling parsePython + computeFileMetrics on the files radon
 * measured. A function is identified by (file, name, line of `def`); radon's closures and
 * methods are included. Functions whose own body holds a `match` statement are left out
 * (radon does not count `match` cases; krait does). Prints the agreement and the
 * differences; exits 1 when agreement is below 98%.
 *
 * With `--lines`, the line counts (code, docstring, comment, blank) of every file are also
 * compared with the reference count of `test/fixtures/metrics/reference_lines.py`
 * (CPython's tokenize and ast, run with `python3`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.KRAIT_DIST ?? path.join(here, '..', 'dist'));
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);
const [{ parsePython }, { linkParents, children }, { SemanticModel }, { computeFileMetrics }, { decodePython }] = await Promise.all([
  load('python/parse.js'),
  load('python/visit.js'),
  load('python/semantic.js'),
  load('metrics/index.js'),
  load('discover/decode.js'),
]);

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i === -1) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const radonBin = opt('--radon', '/usr/bin/radon');
const compareLines = args.includes('--lines');
if (compareLines) args.splice(args.indexOf('--lines'), 1);
const show = Number(opt('--show', '40'));
const root = path.resolve(args[0] ?? '/root/.pyenv/versions/3.11.7/lib/python3.11');

console.log(`radon: ${radonBin} cc -j -s on ${root} (site-packages excluded)`);
let t = Date.now();
const radonJson = execFileSync(radonBin, ['cc', '-j', '-s', '-i', '.*,site-packages', root], { maxBuffer: 1 << 30, encoding: 'utf8' });
const radon = JSON.parse(radonJson);
console.log(`radon: ${Object.keys(radon).length} files in ${((Date.now() - t) / 1000).toFixed(1)} s`);

/**
 * radon blocks → [{name, line, complexity}] for functions, methods and their closures,
 * each once (radon lists a class's methods both at the top level and under the class).
 */
function flatten(blocks) {
  const out = new Map();
  const stack = [...blocks];
  while (stack.length) {
    const b = stack.pop();
    if (b.type === 'class') {
      stack.push(...(b.methods ?? []));
      continue;
    }
    const key = `${b.lineno}:${b.name}`;
    if (!out.has(key)) out.set(key, { name: b.name, line: b.lineno, complexity: b.complexity });
    stack.push(...(b.closures ?? []));
  }
  return [...out.values()];
}

/** Lines of the functions whose own body (nested definitions excluded) holds a `match`. */
function functionsWithMatch(mod) {
  const lines = new Set();
  const stack = [mod];
  while (stack.length) {
    const n = stack.pop();
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') {
      const inner = [...n.body];
      while (inner.length) {
        const m = inner.pop();
        if (m.type === 'Match') {
          lines.add(n.lineno);
          break;
        }
        if (m.type === 'FunctionDef' || m.type === 'AsyncFunctionDef' || m.type === 'ClassDef') continue;
        inner.push(...children(m));
      }
    }
    stack.push(...children(n));
  }
  return lines;
}

t = Date.now();
let files = 0;
let radonErrors = 0;
let total = 0;
let equal = 0;
let missingInKrait = 0;
let excludedMatch = 0;
let kraitOnly = 0;
const diffs = [];
const missing = [];
/** krait's line counts per file, for --lines. */
const kraitLines = new Map();
for (const [file, blocks] of Object.entries(radon)) {
  if (!Array.isArray(blocks)) {
    radonErrors++;
    continue;
  }
  files++;
  const { text } = decodePython(readFileSync(file));
  const parsed = parsePython(text);
  linkParents(parsed.module);
  const metrics = computeFileMetrics(parsed, text, new SemanticModel(parsed.module, ''));
  kraitLines.set(file, { lines: metrics.lines, code: metrics.codeLines, docstring: metrics.docstringLines, comment: metrics.commentLines, blank: metrics.blankLines });
  const withMatch = functionsWithMatch(parsed.module);
  const krait = new Map();
  for (const c of metrics.complexity) krait.set(`${c.line}:${c.name.split('.').pop()}`, c);
  const seen = new Set();
  for (const r of flatten(blocks)) {
    const key = `${r.line}:${r.name}`;
    seen.add(key);
    if (withMatch.has(r.line)) {
      excludedMatch++;
      continue;
    }
    total++;
    const k = krait.get(key);
    if (!k) {
      missingInKrait++;
      missing.push(`${file}:${r.line} ${r.name}`);
      continue;
    }
    if (k.complexity === r.complexity) equal++;
    else diffs.push({ file, line: r.line, name: k.name, radon: r.complexity, krait: k.complexity, syntaxErrors: parsed.syntaxErrors.length });
  }
  for (const key of krait.keys()) if (!seen.has(key)) kraitOnly++;
}
const rel = (f) => path.relative(root, f);
console.log(`krait: ${files} files in ${((Date.now() - t) / 1000).toFixed(1)} s`);
console.log(`radon could not parse ${radonErrors} files (left out)`);
console.log(`functions and methods compared: ${total} (${excludedMatch} with a match statement left out)`);
console.log(`equal complexity: ${equal} (${((100 * equal) / Math.max(1, total)).toFixed(2)}%)`);
console.log(`different: ${diffs.length}; not found by krait at the same name and line: ${missingInKrait}`);
console.log(`functions krait measured that radon does not list (methods of classes nested in functions or classes): ${kraitOnly}`);
if (diffs.length) {
  console.log(`\nDifferences (first ${show}):`);
  for (const d of diffs.slice(0, show)) console.log(`  ${rel(d.file)}:${d.line} ${d.name}: radon ${d.radon}, krait ${d.krait}${d.syntaxErrors ? ' (krait: syntax error in file)' : ''}`);
}
if (missing.length) {
  console.log(`\nNot found by krait (first ${show}):`);
  for (const m of missing.slice(0, show)) console.log(`  ${rel(m)}`);
}
if (compareLines) {
  const ref = path.join(here, '..', 'test', 'fixtures', 'metrics', 'reference_lines.py');
  const paths = [...kraitLines.keys()];
  let same = 0;
  let compared = 0;
  const lineDiffs = [];
  for (let i = 0; i < paths.length; i += 200) {
    const outText = execFileSync('python3', [ref, ...paths.slice(i, i + 200)], { maxBuffer: 1 << 28, encoding: 'utf8' });
    for (const row of outText.split('\n').filter(Boolean).map((l) => JSON.parse(l))) {
      if (row.error) continue;
      compared++;
      const k = kraitLines.get(row.path);
      const keys = ['lines', 'code', 'docstring', 'comment', 'blank'];
      if (keys.every((x) => k[x] === row[x])) same++;
      else lineDiffs.push(`${rel(row.path)}: ${keys.filter((x) => k[x] !== row[x]).map((x) => `${x} krait ${k[x]} reference ${row[x]}`).join(', ')}`);
    }
  }
  console.log(`\nline counts: ${same} of ${compared} files equal to the tokenize reference in every class`);
  for (const d of lineDiffs.slice(0, show)) console.log(`  ${d}`);
}
process.exitCode = equal / Math.max(1, total) >= 0.98 ? 0 : 1;
