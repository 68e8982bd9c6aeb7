#!/usr/bin/env node
// Benchmark of the secrets analysis on hostile inputs (not a timed test):
//   1. one line of 10 MB (random base64 with credential-like keywords sprinkled in),
//   2. 200,000 short lines of Python-like code with a secret every 1,000 lines,
//   3. the same 10 MB as a .env value (generic detectors cap lines at 4 KB).
// It compiles the secrets scan (src/pipeline/secrets.ts: the analysis and the rules KR201–KR205)
// with tsc into a temporary directory, then times detectSecrets.
// Usage: node scripts/bench-secrets.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = mkdtempSync(join(tmpdir(), 'krait-bench-secrets-'));
try {
  try {
    execFileSync('npx', ['tsc', '--outDir', out, '--rootDir', 'src', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--declaration', 'false', 'src/pipeline/secrets.ts'], { stdio: 'pipe' });
  } catch {
    // tsc reports type errors in files outside the compiled ones but still emits JavaScript.
  }
  const { detectSecrets } = await import(pathToFileURL(join(out, 'pipeline', 'secrets.js')).href);

  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const randomB64 = (n) => { let s = ''; for (let i = 0; i < n; i++) s += B64[Math.floor(rnd() * 64)]; return s; };

  const time = (label, fn) => {
    const t0 = performance.now();
    const r = fn();
    const ms = performance.now() - t0;
    console.log(`${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${String(r.length).padStart(5)} findings`);
  };

  // 1. 10 MB single line.
  const parts = [];
  let size = 0;
  while (size < 10_000_000) {
    const p = randomB64(200) + (rnd() < 0.2 ? ' token=ghp_ sk_live_ AKIA eyJ -----BEGIN xoxb- ' : ' ');
    parts.push(p);
    size += p.length;
  }
  const big = parts.join('');
  time(`10 MB single line (${(big.length / 1e6).toFixed(1)} MB), kind text`, () => detectSecrets({ path: 'big.txt', kind: 'text', text: big }));
  time('10 MB single line, kind python', () => detectSecrets({ path: 'big.py', kind: 'python', text: `X = "${big}"` }));
  time('10 MB single line, kind env', () => detectSecrets({ path: '.env', kind: 'env', text: `API_TOKEN=${big}` }));

  // 2. 200,000 short lines.
  const lines = [];
  for (let i = 0; i < 200_000; i++) {
    if (i % 1000 === 0) lines.push(`    GITHUB_TOKEN = "ghp_${randomB64(36).replace(/[+/]/g, 'x')}"`);
    else if (i % 7 === 0) lines.push(`    password = request.form.get("password")  # line ${i}`);
    else if (i % 5 === 0) lines.push(`    result = compute_value(x_${i}, key="name", timeout=30)`);
    else lines.push(`    total += item.price * item.quantity  # ${i}`);
  }
  const many = lines.join('\n');
  time(`200,000 short lines (${(many.length / 1e6).toFixed(1)} MB), kind python`, () => detectSecrets({ path: 'many.py', kind: 'python', text: many }));
  time('200,000 short lines, kind yaml', () => detectSecrets({ path: 'many.yaml', kind: 'yaml', text: many }));
} finally {
  rmSync(out, { recursive: true, force: true });
}
