/**
 * Dependency facts for the rule tests, built by the dependency analysis itself from a few
 * small manifest files written to a temporary project (the embedded advisory snapshot).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileKind } from '../../../src/core/file.js';
import type { DependencyFacts } from '../../../src/deps/facts.js';
import { dependencyFacts, type DependencyInput } from '../../../src/deps/index.js';
import { manifestKind } from '../../../src/deps/manifests/index.js';

/** The facts of a project made of `files` (path → text), with the scan's imports and options in `extra`. */
export async function factsOf(files: Record<string, string>, extra: Partial<DependencyInput> = {}): Promise<DependencyFacts> {
  const root = mkdtempSync(join(tmpdir(), 'krait-deps-rule-'));
  const list: DependencyInput['files'] = [];
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    const kind = manifestKind(path);
    if (kind) list.push({ path, absPath: abs, kind: kind as FileKind });
  }
  const input: DependencyInput = { roots: [root], files: list, imports: [], localModules: [], online: false, dataDir: join(root, '.no-cache'), ...extra };
  return (await dependencyFacts(input)).facts;
}
