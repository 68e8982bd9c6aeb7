#!/usr/bin/env node
// After `tsc` (npm run build): bundle the command line into one CommonJS file with esbuild,
// dist/cli/krait.cjs, and write a V8 code cache for it, dist/cli/krait.cjs.cache, made by
// running it once on a small scan. bin/krait.js loads the bundle with that cache when both
// are there and the bundle is not older than the compiled modules; else it imports
// dist/cli/main.js as before. Why: a scan of one small file spent more than half of its time
// resolving, reading and compiling about 400 ES modules (docs/performance.md, "Start-up").
//
// Left out of the bundle: the native tree-sitter packages (they locate their binaries from
// their own folder) and piscina (it starts workers from its own files); the worker threads
// load dist/pipeline/worker.js, unbundled. Packages krait loads on first use (core/lazy.ts)
// are still required from node_modules at run time. The bundle sits in dist/cli/ like
// main.js, so paths relative to a module (../../data, ../../package.json) stay right.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/cli/krait.cjs');
const CACHE = `${OUT}.cache`;

rmSync(CACHE, { force: true });
await build({
  entryPoints: [path.join(ROOT, 'dist/cli/main.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['tree-sitter', 'tree-sitter-python', 'piscina'],
  // Comments and layout out (less to read and parse), names kept (stack traces stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  // `import.meta.url` of the bundled modules: the bundle's own URL (same folder depth as theirs).
  define: { 'import.meta.url': '__kraitModuleUrl' },
  banner: { js: "var __kraitModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// A source that is not pure ASCII becomes a two-byte string: slower to decode and to parse.
const text = readFileSync(OUT, 'latin1');
const nonAscii = /[^\x00-\x7f]/.exec(text);
if (nonAscii) console.warn(`bundle-cli: warning: ${OUT} holds non-ASCII text near "${text.slice(Math.max(0, nonAscii.index - 40), nonAscii.index + 10)}"; write it with \\u escapes`);

// The code cache: a scan of one small file in a folder of its own, with the functions it ran
// compiled (bin/krait.js writes the cache when KRAIT_WRITE_CODE_CACHE names a file).
const dir = mkdtempSync(path.join(tmpdir(), 'krait-bundle-'));
try {
  writeFileSync(path.join(dir, 'sample.py'), 'import os\nimport subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n\nrun(input())\nos.system(os.environ["X"])\n');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/krait.js'), 'scan', 'sample.py', '--no-cache', '--no-config', '--exit-zero', '-q'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, KRAIT_WRITE_CODE_CACHE: CACHE },
  });
  if (r.status !== 0) throw new Error(`bundle-cli: the sample scan failed (exit ${r.status}): ${r.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
