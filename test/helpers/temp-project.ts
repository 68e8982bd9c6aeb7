/**
 * Temporary folders for tests that scan projects written on the fly. Folders made through
 * {@link tempDir} are removed after the calling test file's tests (register with
 * {@link cleanTempDirs} at the top of the file).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

/** Remove this file's temporary folders after its tests. Call once at module level. */
export function cleanTempDirs(): void {
  afterAll(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
}

/** A fresh folder under the system temp folder (`prefix` + random suffix). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Write files (path relative to `root` → text) under `root`, making their folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

/** A fresh folder holding `files` (path → text); returns its path. */
export function tempProject(files: Record<string, string>, prefix = 'krait-proj-'): string {
  const root = tempDir(prefix);
  writeFiles(root, files);
  return root;
}
