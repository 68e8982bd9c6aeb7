/**
 * Template variables rendered without escaping (CWE-79): a constant template is safe for
 * the values it is given when the engine escapes them — Flask's `render_template_string`
 * and Django templates always do, a Jinja2 `Environment` or `Template` only with
 * `autoescape` on — unless the template turns escaping off for that variable
 * (`{{ name|safe }}`, `{% autoescape false %}` / `{% autoescape off %}`). The rows pick the
 * taint of the variables the template prints raw; a template that is not a constant is a
 * template-injection sink (KR106), not this one.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { keywordArg } from '../../python/calls.js';
import { join, type Taint } from '../model.js';
import { boundCall } from './predicates.js';
import type { CallTaints, LibraryModel } from './types.js';

/** Filters whose output is not HTML the value controls (escaped, encoded or a number). */
const ESCAPING_FILTERS = new Set(['e', 'escape', 'forceescape', 'force_escape', 'tojson', 'urlencode', 'int', 'float', 'length', 'count', 'wordcount', 'filesizeformat', 'escapejs', 'iriencode', 'json_script']);
const NOT_NAMES = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'None', 'True', 'False', 'none', 'true', 'false', 'loop', 'range', 'dict', 'lipsum', 'super', 'caller', 'varargs', 'kwargs', 'forloop']);

/** The names of the context a template prints unescaped (with `autoescape` as the engine's default). */
export function unescapedNames(src: string, autoescape: boolean): Set<string> {
  const out = new Set<string>();
  const aliases = new Map<string, string[]>();
  const states: boolean[] = [autoescape];
  const tag = /\{%-?\s*(\w+)\s*(.*?)\s*-?%\}|\{\{-?(.*?)-?\}\}/gs;
  let n = 0;
  for (const m of src.matchAll(tag)) {
    if (++n > 5000) break;
    const [, word, rest, expr] = m;
    if (word !== undefined) {
      if (word === 'autoescape') states.push(!/^(?:false|off)\b/i.test(rest ?? ''));
      else if (word === 'endautoescape' && states.length > 1) states.pop();
      else if (word === 'for') {
        const f = /^(.*?)\s+in\s+(.*)$/s.exec(rest ?? '');
        if (f) for (const v of f[1].split(',')) aliases.set(v.trim(), namesIn(f[2]));
      } else if (word === 'set' || word === 'with') {
        for (const a of (rest ?? '').matchAll(/(\w+)\s*=\s*([^,=]+?)(?=\s+\w+\s*=|,|$)/g)) aliases.set(a[1], namesIn(a[2]));
      }
      continue;
    }
    const parts = splitFilters(expr ?? '');
    let raw = !states[states.length - 1];
    for (const f of parts.slice(1)) {
      const name = /^\s*(\w+)/.exec(f)?.[1] ?? '';
      if (name === 'safe') raw = true;
      else if (ESCAPING_FILTERS.has(name)) raw = false;
    }
    if (!raw) continue;
    const pending = namesIn(parts[0] ?? '');
    for (let i = 0; i < pending.length && i < 200; i++) {
      const v = pending[i];
      if (out.has(v)) continue;
      out.add(v);
      for (const a of aliases.get(v) ?? []) pending.push(a);
    }
  }
  return out;
}

/** An expression's variable names (not attributes, strings or keywords). */
function namesIn(expr: string): string[] {
  const bare = expr.replace(/'[^']*'|"[^"]*"/g, ' ');
  const out: string[] = [];
  for (const m of bare.matchAll(/(?<![.\w])([A-Za-z_]\w*)/g)) if (!NOT_NAMES.has(m[1])) out.push(m[1]);
  return out;
}

/** `value|f1(args)|f2` → ['value', 'f1(args)', 'f2'] (bars inside strings and parentheses do not split). */
function splitFilters(expr: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (const ch of expr) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The taint of the context values a constant template prints raw: keywords by name, a
 * `**context` or a positional context dict when some variable is raw (a dict literal
 * only when one of its keys is).
 */
function rawContext(t: CallTaints, template: string, autoescape: boolean, firstContextArg: number): Taint | null {
  const raw = unescapedNames(template, autoescape);
  if (!raw.size) return null;
  let out: Taint | null = null;
  t.call.keywords.forEach((k) => {
    if (k.arg === null || k.arg === undefined) out = join(out, t.keywords.get('**') ?? null);
    else if (raw.has(k.arg)) out = join(out, t.keywords.get(k.arg) ?? null);
  });
  for (let i = firstContextArg; i < t.call.args.length; i++) {
    let ctx: A.Expr = t.call.args[i];
    if (ctx.type === 'Call' && /(?:^|\.)(?:Context|RequestContext|dict)$/.test(callText(ctx)) && ctx.args[0]) ctx = ctx.args[0];
    if (ctx.type === 'Dict' && ctx.keys.every((k) => k && k.type === 'Constant' && typeof k.value === 'string')) {
      if (!ctx.keys.some((k) => raw.has((k as A.Constant).value as string))) continue;
    }
    out = join(out, t.args[i] ?? null);
  }
  return out;
}

function callText(c: A.Call): string {
  const f = c.func;
  return f.type === 'Name' ? f.id : f.type === 'Attribute' ? f.attr : '';
}

/** The template text and autoescape default of the object `render()` is called on, when krait can tell. */
function renderedTemplate(call: A.Call, sem: SemanticModel): { src: string; autoescape: boolean } | null {
  if (call.func.type !== 'Attribute') return null;
  const made = boundCall(call.func.value, sem);
  if (!made) return null;
  const q = sem.callName(made) ?? '';
  const srcArg = made.args[0] ?? keywordArg(made, 'source')?.value ?? keywordArg(made, 'template_string')?.value;
  const src = srcArg ? sem.constValue(srcArg) : undefined;
  if (typeof src !== 'string') return null;
  if (/^jinja2\.(?:environment\.)?Template$/.test(q)) return { src, autoescape: autoescapeOf(keywordArg(made, 'autoescape')?.value, sem, false) };
  if (/^django\.template\.(?:base\.)?Template$/.test(q)) return { src, autoescape: true };
  if (made.func.type === 'Attribute' && made.func.attr === 'from_string') {
    const owner = made.func.value;
    const env = boundCall(owner, sem);
    const eq = env ? (sem.callName(env) ?? '') : '';
    if (env && /^jinja2\.(?:environment\.|sandbox\.)?(?:Environment|SandboxedEnvironment|ImmutableSandboxedEnvironment)$/.test(eq)) {
      return { src, autoescape: autoescapeOf(keywordArg(env, 'autoescape')?.value, sem, false) };
    }
    // Flask's app.jinja_env and Django's engines autoescape; an environment krait cannot see is assumed to.
    return { src, autoescape: true };
  }
  return null;
}

/** The autoescape setting of a template for a string: a constant, `select_autoescape(default_for_string=...)` (on by default), else on. */
function autoescapeOf(e: A.Expr | undefined, sem: SemanticModel, dflt: boolean): boolean {
  if (!e) return dflt;
  const c = sem.constValue(e);
  if (c !== undefined) return !!c;
  if (e.type === 'Call' && /select_autoescape$/.test(sem.callName(e) ?? '')) {
    const d = keywordArg(e, 'default_for_string')?.value;
    return d ? sem.constValue(d) !== false : true;
  }
  return true;
}

export const AUTOESCAPE: LibraryModel = {
  id: 'autoescape',
  sinks: [
    {
      kind: 'xss',
      label: 'a template variable rendered without escaping',
      names: ['flask.render_template_string', 'quart.render_template_string'],
      pick: (t, sem) => {
        const src = t.call.args[0] ?? keywordArg(t.call, 'source')?.value;
        const c = src ? sem.constValue(src) : undefined;
        return typeof c === 'string' ? rawContext(t, c, true, 1) : null;
      },
    },
    {
      kind: 'xss',
      label: 'a template variable rendered without escaping',
      methods: ['render', 'render_async', 'generate', 'stream'],
      pick: (t, sem) => {
        const tpl = renderedTemplate(t.call, sem);
        return tpl ? rawContext(t, tpl.src, tpl.autoescape, 0) : null;
      },
    },
  ],
};
