import type { ParseResult } from '../python/parse.js';
import type { SemanticModel } from '../python/semantic.js';
import type { FileMetrics } from './types.js';

/**
 * Statistics of one parsed Python file. STUB: replaced by the statistics analysis.
 */
export function computeFileMetrics(_parse: ParseResult, _source: string, _semantic: SemanticModel): FileMetrics | undefined {
  return undefined;
}
