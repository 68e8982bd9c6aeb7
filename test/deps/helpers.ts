import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DependencyInput } from '../../src/deps/index.js';
import { manifestKind } from '../../src/deps/manifests/index.js';
import type { FileKind } from '../../src/core/file.js';

export const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/deps', import.meta.url)));
export const SHARED_ADVISORIES = resolve(fileURLToPath(new URL('../../../shared/advisory-database/vulns', import.meta.url)));
/** The raw OSV files of the packages the acceptance test pins, copied from the same snapshot (see its README). */
export const FIXTURE_ADVISORIES = resolve(fileURLToPath(new URL('../fixtures/deps/osv-vulns', import.meta.url)));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A DependencyInput for one fixture project, as discovery would build it. */
export function fixtureInput(name: string, extra: Partial<DependencyInput> = {}): DependencyInput {
  const root = join(FIXTURES, name);
  const files = walk(root)
    .map((abs) => {
      const path = relative(root, abs).split('\\').join('/');
      const kind = manifestKind(path);
      return kind ? { path, absPath: abs, kind: kind as FileKind } : undefined;
    })
    .filter((f): f is NonNullable<typeof f> => f !== undefined);
  return { roots: [root], files, imports: [], localModules: [], online: false, dataDir: join(root, '.no-cache'), ...extra };
}
