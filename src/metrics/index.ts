/**
 * Code statistics (issue 8): lines, AST size, definitions, module inventory and cyclomatic
 * complexity, per file (in the worker, from the parse every analysis shares) and for the
 * whole project (in the project pass). Definitions: `docs/statistics.md`.
 */
import type * as A from '../python/ast.js';
import type { ParseResult } from '../python/parse.js';
import type { SemanticModel } from '../python/semantic.js';
import { classComplexity, collectDefinitions, functionComplexity, sumDecisions } from './complexity.js';
import { fileImports } from './imports.js';
import { countLines, type DocstringRange } from './lines.js';
import { countAstNodes } from './nodes.js';
import type { ComplexityBlock, FileMetrics } from './types.js';

export type { ComplexityBlock, FileMetrics, ImportedModule, ImportKind, ProjectMetrics } from './types.js';
export { aggregateMetrics } from './aggregate.js';
export { functionComplexity } from './complexity.js';

/** The docstring statement of a body: a first statement `Expr(Constant str)`. */
function docstringOf(body: readonly A.Stmt[]): A.ExprStmt | undefined {
  const first = body[0];
  if (first?.type === 'Expr' && first.value.type === 'Constant' && first.value.kind === 'str') return first;
  return undefined;
}

function range(n: A.AnyNode): DocstringRange {
  return { startLine: n.lineno, startCol: n.col_offset, endLine: n.end_lineno, endCol: n.end_col_offset };
}

/**
 * Statistics of one parsed Python file.
 *
 * @param parse the shared parse of the file (`parsePython`)
 * @param source the decoded text that was parsed
 * @param semantic the file's semantic model (for its imports and package)
 * @param localModules top-level module names of the scanned project, when known (the scan
 *   passes none: `aggregateMetrics` reclassifies imports with the project's names)
 * @returns the file's metrics; never throws on odd input (a file with syntax errors is
 *   measured on what could be parsed). `undefined` is reserved for files that cannot be
 *   measured at all.
 */
export function computeFileMetrics(
  parse: ParseResult,
  source: string,
  semantic: SemanticModel,
  localModules: ReadonlySet<string> = new Set(),
): FileMetrics | undefined {
  const mod = parse.module;
  const srcLines = source.split('\n');
  const astNodes = countAstNodes(mod);

  const { defs, lambdas } = collectDefinitions(mod);
  const docstrings: DocstringRange[] = [];
  const moduleDoc = docstringOf(mod.body);
  if (moduleDoc) docstrings.push(range(moduleDoc));
  const complexity: ComplexityBlock[] = [];
  const classBlocks: ComplexityBlock[] = [];
  let methods = 0;
  let asyncFunctions = 0;
  for (const d of defs) {
    const doc = docstringOf(d.node.body);
    if (doc) docstrings.push(range(doc));
    const base = { name: d.qualname, line: d.node.lineno, column: d.node.col_offset, endLine: d.node.end_lineno };
    if (d.node.type === 'ClassDef') {
      classBlocks.push({ ...base, kind: 'class', complexity: classComplexity(d.node, srcLines) });
      continue;
    }
    if (d.isMethod) methods++;
    if (d.node.type === 'AsyncFunctionDef') asyncFunctions++;
    complexity.push({ ...base, kind: d.isMethod ? 'method' : 'function', complexity: functionComplexity(d.node, srcLines) });
  }

  const lines = countLines(source, docstrings);
  let max = 0;
  let sum = 0;
  for (const c of complexity) {
    sum += c.complexity;
    if (c.complexity > max) max = c.complexity;
  }
  return {
    lines: lines.lines,
    codeLines: lines.code,
    commentLines: lines.comment,
    blankLines: lines.blank,
    docstringLines: lines.docstring,
    astNodes,
    imports: fileImports(semantic, localModules),
    functions: complexity.length,
    methods,
    asyncFunctions,
    lambdas,
    classes: classBlocks.length,
    complexity,
    classComplexity: classBlocks,
    moduleComplexity: 1 + sumDecisions(mod.body, srcLines),
    maxComplexity: max,
    meanComplexity: complexity.length ? sum / complexity.length : 0,
  };
}
