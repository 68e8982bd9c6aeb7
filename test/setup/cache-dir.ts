/**
 * Tests never write to the user's cache: the CLI's result cache (on by default) goes to a
 * temporary folder per test file, for the runs in-process and the ones spawned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

if (!process.env['KRAIT_CACHE_DIR']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-test-cache-'));
  process.env['XDG_CACHE_HOME'] = dir;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}
