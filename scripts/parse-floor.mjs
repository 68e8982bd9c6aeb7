#!/usr/bin/env node
/**
 * The parse floor of a corpus: the CPU time of reading every `.py` file and building its AST
 * (`parsePython`: the native reader when built, then the AST), alone, in one process — what
 * no audit of the corpus can go below (docs/performance.md, "Fourteenth round").
 *
 * Usage: node scripts/parse-floor.mjs [CORPUS] [--skip=site-packages,test,tests,idle_test]
 * (default: this machine's python3 standard library without its tests). Needs `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipArg = args.find((a) => a.startsWith('--skip='));
const skip = new Set((skipArg ? skipArg.slice(7) : 'site-packages,test,tests,idle_test').split(',').filter(Boolean));
const corpus = args.find((a) => !a.startsWith('--')) ?? execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const { parsePython } = await import(path.join(repo, 'dist/python/parse.js'));

const files = [];
const stack = [corpus];
while (stack.length) {
  const dir = stack.pop();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) stack.push(p);
    else if (e.isFile() && e.name.endsWith('.py')) files.push(p);
  }
}
const before = process.cpuUsage();
let lines = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  lines += text.split('\n').length;
  parsePython(text);
}
const used = process.cpuUsage(before);
console.log(`${files.length} files, ${lines} lines: read and parsed into ASTs in ${((used.user + used.system) / 1e6).toFixed(2)} CPU-s`);
