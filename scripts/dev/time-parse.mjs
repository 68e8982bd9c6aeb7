// Development aid: time parsePython over a corpus (single thread).
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parsePython } from '../../dist/python/parse.js';
const files = execSync(`find ${process.argv[2]} -name '*.py' -not -path '*/site-packages/*'`).toString().trim().split('\n');
const texts = files.map((f) => readFileSync(f, 'utf8'));
const t0 = performance.now();
for (const t of texts) parsePython(t);
console.log(files.length, 'files', (performance.now() - t0).toFixed(0), 'ms');
