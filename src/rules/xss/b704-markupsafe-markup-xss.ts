/**
 * B704, as bandit's `markupsafe_markup_xss` (1.9): `markupsafe.Markup(x)` / `flask.Markup(x)`
 * (plus `extend_markup_names`), or a class defined in the same file that subclasses one of
 * them (directly or through other local classes), called with a first argument that is
 * not a constant — unless it is a call to one of `allowed_calls` (e.g. `bleach.clean`).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import type { RuleContext } from '../../core/rule.js';
import { callFunctionName } from '../../python/calls.js';

const classCache = new WeakMap<object, Map<string, string[]>>();

/** Classes defined in the module (any depth): name → qualified names of their bases. */
function localClasses(ctx: RuleContext): Map<string, string[]> {
  let m = classCache.get(ctx.semantic);
  if (m) return m;
  m = new Map();
  const stack: A.AnyNode[] = [ctx.semantic.module.node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ClassDef') m.set(n.name, n.bases.map((b) => ctx.qualifiedName(b)).filter((q): q is string => !!q));
    const body = (n as { body?: unknown }).body;
    if (Array.isArray(body)) for (const s of body as A.AnyNode[]) stack.push(s);
  }
  classCache.set(ctx.semantic, m);
  return m;
}

function isMarkupSubclass(q: string, names: readonly string[], classes: Map<string, string[]>): boolean {
  const seen = new Set<string>();
  const stack = [q];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const b of classes.get(n) ?? []) {
      if (names.includes(b)) return true;
      stack.push(b);
    }
  }
  return false;
}

export const markupsafeMarkupXss = defineRule({
  id: 'B704',
  name: 'markupsafe-markup-xss',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [79],
  options: { extend_markup_names: [] as string[], allowed_calls: [] as string[] },
  docs: {
    what: 'Flags `markupsafe.Markup(...)` / `flask.Markup(...)` (and local subclasses) called on a non-constant value.',
    why: '`Markup` marks its argument as already-safe HTML without escaping it; dynamic content (f-strings, variables, formatted strings) then carries user markup into the page (cross-site scripting, CWE-79).',
    example: 'Markup(f"<b>{name}</b>")',
    instead: 'Markup("<b>{}</b>").format(name)  # format() on Markup escapes its arguments',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup',
      'https://bandit.readthedocs.io/en/latest/plugins/b704_markupsafe_markup_xss.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const names = ['markupsafe.Markup', 'flask.Markup', ...ctx.option<string[]>('extend_markup_names')];
      if (!names.includes(q) && !isMarkupSubclass(q, names, localClasses(ctx))) return;
      const x = node.args[0];
      if (!x || x.type === 'Constant') return;
      const allowed = ctx.option<string[]>('allowed_calls');
      if (allowed.length && x.type === 'Call') {
        const c = ctx.callName(x);
        if (c && allowed.includes(c)) return;
      }
      ctx.report(node, {
        message: `Potential XSS with \`\`${q}\`\` detected. Do not use \`\`${callFunctionName(q, node)}\`\` on untrusted data.`,
        fix: 'Escape instead: markupsafe.escape(value), or Markup("<b>{}</b>").format(value), which escapes the arguments.',
      });
    },
  },
});
