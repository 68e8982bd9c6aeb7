/**
 * What the posture rules (KR3xx) share: settings-module detection, module-level
 * assignments, framework imports, LLM client calls and dangerous sinks.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { fileState, type RuleContext } from '../../core/rule.js';
import { dotted, lastSegment } from '../../python/helpers.js';

/**
 * A Django settings module: named `settings.py` or inside a `settings/` package, and
 * assigning at least one of Django's core settings (INSTALLED_APPS, MIDDLEWARE,
 * ROOT_URLCONF, SECRET_KEY, ALLOWED_HOSTS).
 */
export function isDjangoSettings(ctx: RuleContext, module: A.Module): boolean {
  if (!/(^|\/)settings(\.py|\/[^/]+\.py)$|(^|\/)(settings|config)_?\w*\.py$/.test(ctx.path)) return false;
  const names = moduleAssignments(module);
  return ['INSTALLED_APPS', 'MIDDLEWARE', 'ROOT_URLCONF', 'ALLOWED_HOSTS'].some((n) => names.has(n));
}

/** Settings module for local development or tests (`settings/dev.py`, `local_settings.py`, `test_settings.py`). */
export function isDevSettingsPath(path: string): boolean {
  return /(^|[/_])(dev|development|local|test|tests|testing|ci)([_./]|$)/i.test(path.replace(/\.py$/, '.'));
}

/** Module-level `NAME = value` assignments (last one wins). */
export function moduleAssignments(module: A.Module): Map<string, A.Assign | A.AnnAssign> {
  const out = new Map<string, A.Assign | A.AnnAssign>();
  const visit = (body: A.Stmt[]): void => {
    for (const s of body) {
      if (s.type === 'Assign') for (const t of s.targets) if (t.type === 'Name') out.set(t.id, s);
      if (s.type === 'AnnAssign' && s.target.type === 'Name' && s.value) out.set(s.target.id, s);
      if (s.type === 'If' || s.type === 'Try') visit(s.body);
    }
  };
  visit(module.body);
  return out;
}

/** `from X import *` present (a settings module that extends another one). */
export function hasStarImport(module: A.Module): boolean {
  return module.body.some((s) => s.type === 'ImportFrom' && s.names.some((n) => n.name === '*'));
}

/** One Flask configuration write: the key, the value written and the node to report at. */
export interface ConfigWrite {
  key: string;
  value: A.Expr;
  node: A.AnyNode;
}

/**
 * The Flask configuration writes node `n` itself makes: `app.config['KEY'] = v`,
 * `app.config.update(KEY=v)`, `app.config.update({'KEY': v})`, `app.KEY_lower = v`
 * (`app.debug`, `app.secret_key`), and UPPER_CASE attributes of config classes (at the
 * class). One step of the engine's walk: called on every ClassDef, Assign and Call in walk
 * order, it yields the writes in source order.
 */
export function flaskConfigWritesAt(n: A.AnyNode, out: ConfigWrite[]): void {
  if (n.type === 'ClassDef' && /Config$/.test(n.name)) {
    for (const s of n.body) if (s.type === 'Assign') for (const t of s.targets) if (t.type === 'Name' && /^[A-Z_]+$/.test(t.id)) out.push({ key: t.id, value: s.value, node: s });
  }
  if (n.type === 'Assign') {
    for (const t of n.targets) {
      if (t.type === 'Subscript' && t.value.type === 'Attribute' && t.value.attr === 'config' && t.slice.type === 'Constant' && typeof t.slice.value === 'string') out.push({ key: t.slice.value, value: n.value, node: n });
      if (t.type === 'Attribute' && (t.attr === 'debug' || t.attr === 'secret_key') && t.value.type === 'Name') out.push({ key: t.attr.toUpperCase(), value: n.value, node: n });
    }
  } else if (n.type === 'Call' && n.func.type === 'Attribute' && n.func.attr === 'update' && n.func.value.type === 'Attribute' && n.func.value.attr === 'config') {
    for (const k of n.keywords) if (k.arg) out.push({ key: k.arg, value: k.value, node: k });
    const d = n.args[0];
    if (d && d.type === 'Dict') d.keys.forEach((k, i) => k && k.type === 'Constant' && typeof k.value === 'string' && out.push({ key: k.value, value: d.values[i], node: k }));
  }
}

/**
 * Visits that collect a file's Flask configuration writes during the engine's walk, for a
 * rule that decides at `Module:exit` (`writes(ctx)`); `wanted(ctx)`, asked once per file,
 * skips the collection in files the rule will not look at.
 */
export function flaskConfigCollector(wanted: (ctx: RuleContext) => boolean): {
  visit: { ClassDef: (n: A.ClassDef, ctx: RuleContext) => void; Assign: (n: A.Assign, ctx: RuleContext) => void; Call: (n: A.Call, ctx: RuleContext) => void };
  writes: (ctx: RuleContext) => ConfigWrite[];
} {
  const state = fileState((ctx) => (wanted(ctx) ? ([] as ConfigWrite[]) : null));
  const at = (n: A.AnyNode, ctx: RuleContext): void => {
    const out = state(ctx);
    if (out) flaskConfigWritesAt(n, out);
  };
  return { visit: { ClassDef: at, Assign: at, Call: at }, writes: (ctx) => state(ctx) ?? [] };
}

/** True for the literal `True` (or a name bound once to it). */
export function isTrue(ctx: RuleContext, e: A.Expr): boolean {
  return ctx.constValue(e) === true;
}

/** True for the literal `False`/`None`. */
export function isFalseOrNone(ctx: RuleContext, e: A.Expr): boolean {
  const v = ctx.constValue(e);
  return v === false || v === null;
}

// ---------- LLM clients ----------

const LLM_MODULES = ['openai', 'anthropic', 'google.generativeai', 'google.genai', 'langchain', 'langchain_openai', 'langchain_anthropic', 'langchain_core', 'langchain_community', 'litellm', 'ollama', 'mistralai', 'cohere', 'groq', 'together'];

const llmModules = new WeakMap<SemanticModel, boolean>();

/** The module talks to an LLM API (imports one of the common client libraries). Asked at every call: answered once per module. */
export function importsLlm(semantic: SemanticModel): boolean {
  let v = llmModules.get(semantic);
  if (v === undefined) llmModules.set(semantic, (v = semantic.importsModule(...LLM_MODULES)));
  return v;
}

/**
 * True when the call sends a request to an LLM: OpenAI/Azure (`chat.completions.create`,
 * `completions.create`, `responses.create`, `ChatCompletion.create`), Anthropic
 * (`messages.create`), Google (`generate_content`), LiteLLM (`completion`), Ollama
 * (`chat`, `generate`), LangChain (`invoke`/`ainvoke`/`predict` on a chat model).
 */
export function isLlmCall(call: A.Call, semantic: SemanticModel): boolean {
  if (!importsLlm(semantic)) return false;
  const name = dotted(call.func);
  const q = semantic.callName(call) ?? name;
  if (/(^|\.)(chat\.completions|completions|responses|messages|ChatCompletion|Completion)\.(create|acreate|stream|parse)$/.test(name)) return true;
  if (/(^|\.)generate_content(_async)?$/.test(name)) return true;
  if (/^(litellm\.a?completion|ollama\.(chat|generate))$/.test(q)) return true;
  if (semantic.importsModule('langchain', 'langchain_openai', 'langchain_anthropic', 'langchain_core', 'langchain_community') && /^(invoke|ainvoke|predict|apredict)$/.test(lastSegment(name)) && /llm|model|chat|chain/i.test(name)) return true;
  return false;
}

/** Calls that run code, commands, SQL or emit raw HTML: the sinks LLM output must not reach. */
export function dangerousSink(call: A.Call, semantic: SemanticModel): string | undefined {
  const q = semantic.callName(call) ?? dotted(call.func);
  const seg = lastSegment(q);
  if (q === 'eval' || q === 'exec' || q === 'compile') return `${q}()`;
  if (/^(os\.(system|popen|exec\w*|spawn\w*)|subprocess\.\w+|commands\.getoutput)$/.test(q)) return `${q}()`;
  if (seg === 'execute' || seg === 'executemany' || seg === 'executescript' || q === 'sqlalchemy.text' || seg === 'raw') return `${dotted(call.func)}() (SQL)`;
  if (/^(markupsafe\.Markup|flask\.Markup|django\.utils\.safestring\.mark_safe|flask\.render_template_string|jinja2\.Template)$/.test(q) || seg === 'HTMLResponse' || seg === 'mark_safe') return `${seg}() (HTML)`;
  if (/^(pickle|marshal|yaml)\.(loads?|unsafe_load)$/.test(q)) return `${q}()`;
  return undefined;
}
