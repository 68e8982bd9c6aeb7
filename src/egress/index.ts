/**
 * Egress: where the code can send data out — network modules imported or called,
 * subprocesses of network tools, endpoints passed to calls, and the credential names used
 * to reach services. The verdict rule is in docs/egress.md.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { analyzeFileEgress } from './analyze.js';
import type { FileEgress } from './types.js';

export { summarizeEgress, egressVerdict, formatVia } from './summary.js';
export { parseEndpoint, hostScope, type Endpoint } from './endpoints.js';
export { matchImport, matchCall, NETWORK_MODULE_COUNT, type ModuleMatch } from './modules.js';
export { subprocessNetworkCommands, networkCommand, shellCommands } from './commands.js';
export { isServiceCredentialName, serviceOf } from './credentials.js';
export type * from './types.js';
export { MAX_VIA } from './types.js';

/**
 * Every way one Python file can send data out, and its verdict. Called once per Python
 * file in a worker with the shared parse; the walk is one pass over the tree.
 *
 * @param module the parsed module, parents linked (`linkParents`)
 * @param semantic the file's semantic model, so aliases resolve (`import requests as r`)
 * @param source the file's text
 * @param path the file's path as reported
 * @returns the file's egress (plain, serialisable); always defined for a parsed file (the
 *   `undefined` in the type is the engine's contract for "egress did not run")
 */
export function analyzeEgress(module: A.Module, semantic: SemanticModel, source: string, path: string): FileEgress | undefined {
  return analyzeFileEgress(module, semantic, source, path);
}
