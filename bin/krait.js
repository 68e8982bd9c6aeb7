#!/usr/bin/env node
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

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
