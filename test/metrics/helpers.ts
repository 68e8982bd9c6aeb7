/** Parse a snippet or fixture the way the engine does and measure it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { computeFileMetrics, type FileMetrics } from '../../src/metrics/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metrics');

/** Metrics of Python source text (package '' unless given). */
export function measure(source: string, packageName = ''): FileMetrics {
  const parsed = parsePython(source);
  linkParents(parsed.module);
  const m = computeFileMetrics(parsed, source, new SemanticModel(parsed.module, packageName));
  if (!m) throw new Error('no metrics');
  return m;
}

/** Metrics of a fixture file under test/fixtures/metrics. */
export function measureFixture(rel: string, packageName = ''): FileMetrics {
  return measure(readFileSync(path.join(FIXTURES, rel), 'utf8'), packageName);
}
