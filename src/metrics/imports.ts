/**
 * Module inventory: which modules a file imports, and whether each comes from the
 * standard library, a third party or the scanned project itself.
 */
import { isStdlibModule } from '../python/stdlib-modules.js';
import type { SemanticModel } from '../python/semantic.js';
import type { ImportedModule, ImportKind } from './types.js';

/** First segment of a dotted module name (`os.path` → `os`); a relative name is returned whole. */
export function topLevel(module: string): string {
  if (module.startsWith('.')) return module;
  return module.split('.')[0] ?? module;
}

/**
 * Classify one absolute or relative module name. Relative names (`.models`) are always
 * local; otherwise the first segment decides: the standard library first (so that a
 * scan of a folder holding `logging.py` still reports `import logging` as standard: an
 * absolute import inside an installed package means the standard module), then a
 * top-level module of the scanned project (`local`), else a third party.
 */
export function classifyModule(module: string, local: ReadonlySet<string>): ImportKind {
  if (module === '' || module.startsWith('.')) return 'local';
  const top = topLevel(module);
  if (isStdlibModule(top)) return 'stdlib';
  if (local.has(top)) return 'local';
  return 'third-party';
}

/**
 * The modules a file imports, each once (first occurrence), in source order. For
 * `from pkg import name` the module is `pkg`; `from . import x` is the relative package.
 * A relative import resolved against the file's package (`packageName` of the semantic
 * model) stays local because its first segment is the file's own top-level package.
 */
export function fileImports(semantic: SemanticModel, localModules: ReadonlySet<string> = new Set()): ImportedModule[] {
  const own = semantic.packageName ? topLevel(semantic.packageName) : '';
  const local = own ? new Set([...localModules, own]) : localModules;
  const seen = new Set<string>();
  const out: ImportedModule[] = [];
  for (const imp of semantic.imports) {
    const relative = imp.node.type === 'ImportFrom' && imp.node.level > 0;
    const module = imp.module || (relative ? '.' : '');
    if (!module || seen.has(module)) continue;
    seen.add(module);
    out.push({ module, kind: relative ? 'local' : classifyModule(module, local), line: imp.line });
  }
  return out;
}
