/**
 * Fixes that fit the project: a finding's fix that names a web framework neither its file
 * nor the project uses (Flask's `request.args` in an aiohttp handler, Django's
 * `LoginRequiredMixin` in a FastAPI app) is replaced by the rule's variant for the
 * framework the file or project uses, or by the neutral variant when that is unknown or
 * ambiguous (`rules/fix-variants.ts`). Runs once in the project pass, after every finding
 * exists and before the score reads the fixes.
 */
import type { Finding } from '../core/finding.js';
import { frameworkOfModule, frameworksNamedIn, type WebFramework } from '../core/frameworks.js';
import { FIX_VARIANTS } from '../rules/fix-variants.js';

/** What the project pass knows about the project's use of frameworks. */
export interface FrameworkUse {
  /** Each analysed file's imports (top-level or dotted module names). */
  files: readonly { path: string; imports?: readonly { module: string }[] }[];
  /** Names of the distributions the manifests declare. */
  declared: readonly string[];
}

/** Frameworks of a set of module or distribution names; FastAPI brings Starlette along. */
function frameworksOf(names: Iterable<string>): Set<WebFramework> {
  const out = new Set<WebFramework>();
  for (const n of names) {
    const fw = frameworkOfModule(n);
    if (fw) out.add(fw);
  }
  if (out.has('fastapi')) out.add('starlette');
  return out;
}

/**
 * Replace, in place, the fix of each finding that names a framework foreign to its file
 * (the frameworks the file imports, or the project's when it imports none) by the rule's
 * fitting variant. Findings of rules without variants, and fixes naming no framework, are
 * left as they are. Returns the number of fixes replaced.
 */
export function fitFixesToProject(findings: Finding[], use: FrameworkUse): number {
  const byFile = new Map<string, Set<WebFramework>>();
  for (const f of use.files) byFile.set(f.path, frameworksOf((f.imports ?? []).map((i) => i.module)));
  const project = frameworksOf([...use.declared, ...use.files.flatMap((f) => (f.imports ?? []).map((i) => i.module))]);
  let replaced = 0;
  for (const f of findings) {
    const variants = FIX_VARIANTS[f.ruleId];
    if (!variants || !f.fix) continue;
    const named = frameworksNamedIn(f.fix);
    if (!named.length) continue;
    const own = byFile.get(f.location.path);
    const allowed = own && own.size ? own : project;
    if (named.every((fw) => allowed.has(fw))) continue;
    // The variant of the one framework in use that has one; neutral when none or several do.
    const fitting = [...allowed].filter((fw) => variants[fw] !== undefined);
    const text = fitting.length === 1 ? variants[fitting[0]]! : variants.neutral;
    if (text !== f.fix) {
      f.fix = text;
      replaced++;
    }
  }
  return replaced;
}
