#!/usr/bin/env node
// Install step: build krait's parser addon (binding.gyp → build/Release/krait_parse.node) with
// the node-gyp that npm runs scripts with. The addon parses and copies the tree out in one call
// (src/python/native-parse.ts); without it krait reads the tree through the tree-sitter
// binding's cursor, slower but with the same results. So a failed build (no C compiler) warns
// in one line and the install goes on.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync('node-gyp', ['rebuild', '--loglevel=warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
if (run.status !== 0) {
  console.warn(`krait: the parser addon was not built (node-gyp ${run.error ? run.error.message : `exit ${run.status}`}); krait will read parse trees through the tree-sitter binding (parsing about 1.5x slower).`);
}
