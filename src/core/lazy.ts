/**
 * Packages loaded on first use instead of at start-up. A scan of one small file needs no
 * YAML, Dockerfile, CVSS, archive or zod code; loading them all up front cost about a third of
 * its start-up time (docs/performance.md). Only packages with a CommonJS entry are loaded
 * this way (`require` is synchronous, so the callers stay synchronous).
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A function returning the package `id`, required the first time it is called.
 * `T` is the package's type (`typeof import('yaml')` through an `import type`).
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(id) as T);
}
