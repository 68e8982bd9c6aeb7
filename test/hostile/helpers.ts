/**
 * Helpers for the hostile-input suite: temporary project trees and the built CLI.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin/krait.js');

/** Write `files` (relative path → content) under a fresh temporary folder; returns its real path. */
export function tree(files: Record<string, string | Buffer>, prefix = 'krait-hostile-'): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** Run the built CLI (`bin/krait.js`) with `args`; never a shell. */
export function krait(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}
