import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import type { FileEgress } from './types.js';

/**
 * Every way one Python file can send data out. STUB: replaced by the egress analysis.
 */
export function analyzeEgress(_module: A.Module, _semantic: SemanticModel, _source: string, _path: string): FileEgress | undefined {
  return undefined;
}
