#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that stops early (`krait scan . | head`) closes the pipe: end quietly, as
// other command-line tools do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`krait: fatal: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
