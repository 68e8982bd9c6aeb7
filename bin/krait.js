#!/usr/bin/env node
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * V8's optimising compiler, tuned for this workload (docs/performance.md, "Thirteenth round:
 * V8's optimising compiler"): the analysis is large and its functions see AST nodes and taint
 * records of many shapes, so TurboFan kept inlining callees, deoptimising on a new shape ("wrong map") and compiling
 * the same functions again, 10 to 19 times each: about three times the background compile
 * time of d7ad6b5. Without inlining and with a larger profiler budget before a function is
 * optimised, a scan of the standard library takes about 15% less CPU for the same findings.
 * Set first, before any of krait is compiled; flags are process-wide, so worker threads get
 * them too. KRAIT_V8_DEFAULTS=1 keeps V8's defaults (for comparison).
 */
if (!process.env.KRAIT_V8_DEFAULTS) {
  v8.setFlagsFromString('--no-turbo-inlining');
  v8.setFlagsFromString('--interrupt-budget=300000');
}

// A reader that stops early (`krait scan . | head`) closes the pipe: end quietly, as
// other command-line tools do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

/**
 * The command line's `main`: from the one-file bundle `npm run build` writes
 * (scripts/bundle-cli.mjs), compiled with its V8 code cache, when it is there and not older
 * than the compiled modules; else, or with KRAIT_NO_BUNDLE=1, from the modules
 * (dist/cli/main.js). Loading about 400 separate modules was more than half of the time of
 * a scan of one small file.
 */
async function loadMain() {
  const bundle = fileURLToPath(new URL('../dist/cli/krait.cjs', import.meta.url));
  let current = false;
  try {
    current = !process.env.KRAIT_NO_BUNDLE && statSync(bundle).mtimeMs >= statSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))).mtimeMs;
  } catch {
    // no bundle (or no build): the modules
  }
  if (current) return loadBundle(bundle);
  return (await import('../dist/cli/main.js')).main;
}

/**
 * Run the bundle as CommonJS with its code cache (`krait.cjs.cache`; V8 ignores a cache of
 * another V8 version or of another file). KRAIT_WRITE_CODE_CACHE=FILE: write the cache to
 * FILE when the run ends instead, with every function the run compiled (the build does it).
 */
function loadBundle(file) {
  const writeTo = process.env.KRAIT_WRITE_CODE_CACHE;
  let cachedData;
  if (!writeTo) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // no cache: compile
    }
  }
  // The wrapper on the first line keeps the bundle's line numbers in stack traces.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  // (KRAIT_TIMINGS: say whether V8 took the cache; it rejects one made under other flags.)
  if (cachedData && process.env.KRAIT_TIMINGS) process.stderr.write(`krait: code cache ${script.cachedDataRejected ? 'rejected' : 'accepted'}\n`);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (writeTo) process.once('beforeExit', () => writeFileSync(writeTo, script.createCachedData()));
  return mod.exports.main;
}

loadMain()
  .then((main) => main(process.argv))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`krait: fatal: ${err && err.message ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
