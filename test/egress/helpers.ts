/** Parse a snippet the way the engine does and run the egress analysis on it. */
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { analyzeEgress } from '../../src/egress/index.js';
import type { FileEgress } from '../../src/egress/types.js';

export function egressOf(code: string, path = 'snippet.py'): FileEgress {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module);
  const e = analyzeEgress(parsed.module, semantic, code, path);
  if (!e) throw new Error('egress returned undefined');
  return e;
}

/** As {@link egressOf}, with the time the egress analysis alone took (milliseconds). */
export function timedEgressOf(code: string, packageName = ''): { egress: FileEgress; ms: number } {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module, packageName);
  const t0 = performance.now();
  const egress = analyzeEgress(parsed.module, semantic, code, 'snippet.py')!;
  return { egress, ms: performance.now() - t0 };
}
