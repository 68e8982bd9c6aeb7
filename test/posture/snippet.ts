/** collectRoutes on a Python snippet. */
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { collectRoutes } from '../../src/posture/index.js';
import type { Route } from '../../src/posture/types.js';

export function runOn(code: string, path = 'snippet.py'): Route[] {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  return collectRoutes(parsed.module, new SemanticModel(parsed.module, ''), path);
}
