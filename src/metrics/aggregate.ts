/**
 * Project totals of the per-file statistics (the scan's project pass).
 */
import { classifyModule, topLevel } from './imports.js';
import type { FileMetrics, ProjectMetrics } from './types.js';

/**
 * Totals over the project. Imports whose first segment is one of `localModules` (the
 * top-level modules and packages of the scanned code, `Discovery.localModules`) are
 * local; the per-file `imports[].kind` are updated **in place** accordingly, so that the
 * per-file lists and the totals agree.
 *
 * @param files per-file results; files without metrics (not Python, not parsed) are ignored
 * @param localModules top-level names defined by the scanned project
 */
export function aggregateMetrics(files: readonly { path: string; metrics?: FileMetrics }[], localModules: readonly string[] = []): ProjectMetrics {
  const local = new Set(localModules.map(topLevel));
  const out: ProjectMetrics = {
    files: 0, lines: 0, codeLines: 0, commentLines: 0, blankLines: 0, docstringLines: 0, astNodes: 0,
    functions: 0, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
    imports: { stdlib: [], thirdParty: [], local: [] },
    maxComplexity: 0, meanComplexity: 0, complexityFunctions: 0,
  };
  const sets = { stdlib: new Set<string>(), 'third-party': new Set<string>(), local: new Set<string>() };
  let sum = 0;
  for (const f of files) {
    const m = f.metrics;
    if (!m) continue;
    out.files++;
    out.lines += m.lines;
    out.codeLines += m.codeLines;
    out.commentLines += m.commentLines;
    out.blankLines += m.blankLines;
    out.docstringLines += m.docstringLines;
    out.astNodes += m.astNodes;
    out.functions += m.functions;
    out.methods += m.methods ?? 0;
    out.asyncFunctions += m.asyncFunctions ?? 0;
    out.lambdas += m.lambdas ?? 0;
    out.classes += m.classes;
    for (const imp of m.imports) {
      if (imp.kind === 'third-party' && local.size) imp.kind = classifyModule(imp.module, local);
      sets[imp.kind].add(topLevel(imp.module));
    }
    for (const c of m.complexity) {
      out.complexityFunctions++;
      sum += c.complexity;
      if (c.complexity > out.maxComplexity) out.maxComplexity = c.complexity;
    }
  }
  out.meanComplexity = out.complexityFunctions ? sum / out.complexityFunctions : 0;
  out.imports = { stdlib: [...sets.stdlib].sort(), thirdParty: [...sets['third-party']].sort(), local: [...sets.local].sort() };
  return out;
}
