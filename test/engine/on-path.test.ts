/**
 * On PATH (issue 16): the README's install from a clone (`npm install -g .`) works — here
 * into a temporary prefix, offline, from the repository — and puts a `krait` command there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('installing krait as a command from a clone', () => {
  it('the README shows it', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toMatch(/npm install -g \.\s+# from the clone: puts `krait` on PATH/);
  });

  it('npm install --global --prefix TMP . gives a working krait --version (offline)', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'krait-prefix-'));
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '.'], { cwd: REPO, stdio: 'pipe', timeout: 240_000 });
    const bin = process.platform === 'win32' ? join(prefix, 'krait.cmd') : join(prefix, 'bin', 'krait');
    expect(existsSync(bin)).toBe(true);
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}` } });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
  }, 300_000);
});
