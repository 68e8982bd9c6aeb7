/**
 * `krait fix` never rewrites a file inside an archive, so a finding there must not say
 * "fix available": the same code outside the archive keeps its fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const CODE = 'import yaml\n\ndef load(path):\n    with open(path) as fh:\n        return yaml.load(fh, Loader=yaml.Loader)\n';

describe('fixes and archives', () => {
  it('a finding in a wheel carries no autofix; the same finding in a plain file does', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'krait-archfix-'));
    roots.push(root);
    writeFileSync(path.join(root, 'plain.py'), CODE);
    writeFileSync(path.join(root, 'pkg-1.0-py3-none-any.whl'), zipSync({ 'pkg/mod.py': strToU8(CODE) }));
    const r = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'], cache: false });
    const b506 = r.findings.filter((f) => f.ruleId === 'B506');
    const plain = b506.find((f) => f.location.path.endsWith('plain.py'));
    const inWheel = b506.find((f) => f.location.path.includes('!/'));
    expect(plain?.autofix).toBeDefined();
    expect(inWheel).toBeDefined();
    expect(inWheel!.autofix).toBeUndefined();
  });
});
