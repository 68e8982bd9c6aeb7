/**
 * Automatic fixes: for rules whose secure form is mechanical, the exact source edits that
 * turn the flagged code into it (ruff's fixes). The engine asks `autofixFor()` for every
 * finding a rule reports and attaches the result to the finding (`Finding.autofix`);
 * `krait fix` applies them (`pipeline/fix.ts`), SARIF carries them as `fixes`, and every
 * report says "fix available". Each fixer returns undefined when the rewrite is not
 * certain for this call (splats, unusual argument shapes): a finding without a fix is
 * better than a wrong rewrite.
 *
 * The table in docs/fixes.md lists every fix, its safety and minimum Python version;
 * `FIX_CATALOG` below is its source.
 */
import { keywordArg } from '../python/calls.js';
import type { Autofix, TextEdit } from '../core/finding.js';
import type * as A from '../python/ast.js';
import type { RuleContext } from '../core/rule.js';

/** What one rule's fix does, for docs/fixes.md and `krait explain`. */
export interface FixInfo {
  ruleId: string;
  title: string;
  safety: 'safe' | 'unsafe';
  minPython?: string;
  /** Why it is unsafe (what behaviour may change), or why it is safe. */
  note: string;
}

/** Where the finding is reported (1-based lines, 0-based UTF-16 columns), for fixers whose visitor node is the whole module. */
export interface FixSite {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

type Fixer = (node: A.AnyNode, ctx: RuleContext, at: FixSite) => Omit<Autofix, 'safety' | 'minPython'> | undefined;

// ---------- edit helpers ----------

function startOf(n: A.NodeBase): { line: number; col: number } {
  return { line: n.lineno, col: n.col_offset };
}

function endOf(n: A.NodeBase): { line: number; col: number } {
  return { line: n.end_lineno, col: n.end_col_offset };
}

function edit(from: { line: number; col: number }, to: { line: number; col: number }, text: string): TextEdit {
  return { startLine: from.line, startColumn: from.col, endLine: to.line, endColumn: to.col, text };
}

/** Source text of a node. */
export function sourceOf(n: A.NodeBase, lines: readonly string[]): string {
  if (n.lineno === n.end_lineno) return (lines[n.lineno - 1] ?? '').slice(n.col_offset, n.end_col_offset);
  const out = [(lines[n.lineno - 1] ?? '').slice(n.col_offset)];
  for (let l = n.lineno; l < n.end_lineno - 1; l++) out.push(lines[l] ?? '');
  out.push((lines[n.end_lineno - 1] ?? '').slice(0, n.end_col_offset));
  return out.join('\n');
}

/** Positional and keyword arguments in source order. */
function argsInOrder(call: A.Call): A.NodeBase[] {
  const all: A.NodeBase[] = [...call.args, ...call.keywords];
  return all.sort((a, b) => a.lineno - b.lineno || a.col_offset - b.col_offset);
}

/** A call the fixes may touch: no `*args`/`**kwargs` and no generator argument without parentheses. */
function plainCall(call: A.Call): boolean {
  return !call.keywords.some((k) => k.arg === null) && !call.args.some((a) => a.type === 'Starred' || a.type === 'GeneratorExp');
}

/** Delete one argument with its separating comma. */
function removeArg(call: A.Call, item: A.NodeBase): TextEdit {
  const all = argsInOrder(call);
  const i = all.indexOf(item);
  if (i > 0) return edit(endOf(all[i - 1]), endOf(item), '');
  if (all.length > 1) return edit(startOf(item), startOf(all[1]), '');
  return edit(startOf(item), endOf(item), '');
}

/** Add `text` (a keyword argument) after the last argument, or inside empty parentheses. */
function addArg(call: A.Call, text: string): TextEdit {
  const all = argsInOrder(call);
  if (all.length) return edit(endOf(all[all.length - 1]), endOf(all[all.length - 1]), `, ${text}`);
  const close = { line: call.end_lineno, col: call.end_col_offset - 1 };
  return edit(close, close, text);
}

/** Replace a node's text. */
function replace(n: A.NodeBase, text: string): TextEdit {
  return edit(startOf(n), endOf(n), text);
}

/** Replace the attribute name of `x.attr` (the callee of a method call). */
function replaceAttr(a: A.Attribute, name: string): TextEdit | undefined {
  const end = endOf(a);
  return edit({ line: end.line, col: end.col - a.attr.length }, end, name);
}

function moduleOf(n: A.AnyNode): A.Module | undefined {
  let m: A.AnyNode = n;
  while (m.parent) m = m.parent;
  return m.type === 'Module' ? m : undefined;
}

/**
 * An edit adding `import <mod>` at the top of the module (after the docstring and
 * `from __future__` imports, before the first other import), or none when the name is
 * already bound to that module.
 */
function ensureImport(node: A.AnyNode, ctx: RuleContext, mod: string): TextEdit[] | undefined {
  const b = ctx.semantic.lookup(mod, node);
  if (b) return b.kind === 'import' && b.qualified === mod ? [] : undefined; // the name means something else: no fix
  const m = moduleOf(node);
  if (!m) return undefined;
  // Keep a leading block of `import x` lines sorted: insert before the first that sorts after.
  let line = 1;
  const body = m.body;
  let i = 0;
  while (i < body.length && ((i === 0 && body[0].type === 'Expr') || (body[i].type === 'ImportFrom' && (body[i] as A.ImportFrom).module === '__future__'))) i++;
  if (i < body.length && body[i].type === 'Import') {
    let j = i;
    while (j < body.length && body[j].type === 'Import' && (body[j] as A.Import).names[0].name < mod) j++;
    if (j < body.length && body[j].type === 'Import') return [edit({ line: body[j].lineno, col: 0 }, { line: body[j].lineno, col: 0 }, `import ${mod}\n`)];
    if (j > i) return [edit({ line: body[j - 1].end_lineno + 1, col: 0 }, { line: body[j - 1].end_lineno + 1, col: 0 }, `import ${mod}\n`)];
  }
  for (const s of m.body) {
    if (s.type === 'Expr' && s.value.type === 'Constant' && typeof s.value.value === 'string' && s === m.body[0]) {
      line = s.end_lineno + 1;
      continue;
    }
    if (s.type === 'ImportFrom' && s.module === '__future__') {
      line = s.end_lineno + 1;
      continue;
    }
    line = s.type === 'Import' || s.type === 'ImportFrom' ? s.lineno : Math.max(line, 1);
    break;
  }
  return [edit({ line, col: 0 }, { line, col: 0 }, `import ${mod}\n`)];
}

/** Names of the enclosing function and of the assignment targets around a node. */
function contextNames(node: A.AnyNode): string {
  const out: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'Assign') for (const t of p.targets) if (t.type === 'Name') out.push(t.id);
    if (p.type === 'FunctionDef') {
      out.push(p.name);
      break;
    }
  }
  return out.join(' ');
}

/** Python's hard keywords: an identifier that normalises to one cannot be written plainly. */
const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Unicode bidirectional control characters (B613's set). */
const BIDI_RE = /[\u202A-\u202E\u2066-\u2069\u200F]/g;

/** A line whose comment the interpreter or the OS reads: a shebang, a PEP 263 encoding cookie. */
function readByTheRuntime(lineNo: number, line: string): boolean {
  return lineNo <= 2 && (/^#!/.test(line) || /coding/.test(line));
}

const SECURITY_CONTEXT = /token|passw|secret|sign|auth|key|session|hmac|nonce|salt|csrf|otp|verify|credential/i;

// ---------- the fixes ----------


const HTTP_TIMEOUT = '30';

const FIXERS: Record<string, Fixer> = {
  /** yaml.load(s[, Loader]) → yaml.safe_load(s) */
  B506(node) {
    if (node.type !== 'Call' || node.func.type !== 'Attribute' || node.func.attr !== 'load' || !plainCall(node)) return undefined;
    if (node.args.length < 1 || node.args.length > 2) return undefined;
    const edits: TextEdit[] = [replaceAttr(node.func, 'safe_load')!];
    const loader = node.args[1] ?? keywordArg(node, 'Loader');
    if (loader) edits.push(removeArg(node, loader));
    if (node.keywords.some((k) => k.arg !== 'Loader')) return undefined;
    return { description: 'yaml.load → yaml.safe_load (plain YAML types only)', edits };
  },

  /** requests/httpx verify=False → removed (certificates checked) */
  B501(node) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const k = keywordArg(node, 'verify');
    if (!k) return undefined;
    return { description: 'remove verify=False (certificates are checked)', edits: [removeArg(node, k)] };
  },

  /** requests without timeout → timeout=30; timeout=None → 30 */
  B113(node) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const k = keywordArg(node, 'timeout');
    if (k) return { description: `timeout=None → timeout=${HTTP_TIMEOUT}`, edits: [replace(k.value, HTTP_TIMEOUT)] };
    return { description: `add timeout=${HTTP_TIMEOUT} (seconds)`, edits: [addArg(node, `timeout=${HTTP_TIMEOUT}`)] };
  },

  /** tarfile extractall() → extractall(filter="data") */
  B202(node) {
    if (node.type !== 'Call' || !plainCall(node) || keywordArg(node, 'members')) return undefined;
    const f = keywordArg(node, 'filter');
    if (f) return { description: 'extraction filter → "data"', edits: [replace(f.value, '"data"')] };
    return { description: 'add filter="data" (refuses absolute paths, "..", links outside, devices)', edits: [addArg(node, 'filter="data"')] };
  },

  /** jinja2.Environment(...) → autoescape=True */
  B701(node) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const k = keywordArg(node, 'autoescape');
    if (k) return { description: 'autoescape → True', edits: [replace(k.value, 'True')] };
    return { description: 'add autoescape=True', edits: [addArg(node, 'autoescape=True')] };
  },

  /** random.choice/getrandbits/randbytes for a secret → secrets.choice/randbits/token_bytes */
  KR124(node, ctx) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const q = ctx.callName(node) ?? '';
    const to = { 'random.choice': 'secrets.choice', 'random.getrandbits': 'secrets.randbits', 'random.randbytes': 'secrets.token_bytes' }[q];
    if (!to || node.args.length !== 1 || node.keywords.length) return undefined;
    const imp = ensureImport(node, ctx, 'secrets');
    if (!imp) return undefined;
    return { description: `${q} → ${to} (a CSPRNG)`, edits: [replace(node.func, to), ...imp] };
  },

  /** tempfile.mktemp(...) → tempfile.NamedTemporaryFile(delete=False, ...).name */
  B306(node, ctx) {
    if (node.type !== 'Call' || !plainCall(node) || node.func.type !== 'Attribute' || node.func.attr !== 'mktemp') return undefined;
    const names = ['suffix', 'prefix', 'dir'];
    if (node.args.length > 3 || node.keywords.some((k) => !names.includes(k.arg ?? ''))) return undefined;
    const parts = ['delete=False', ...node.args.map((a, i) => `${names[i]}=${sourceOf(a, ctx.lines)}`), ...node.keywords.map((k) => sourceOf(k, ctx.lines))];
    const base = sourceOf(node.func.value, ctx.lines);
    return { description: 'mktemp() → NamedTemporaryFile(delete=False).name (the file is created atomically, mode 0600)', edits: [replace(node, `${base}.NamedTemporaryFile(${parts.join(', ')}).name`)] };
  },

  /** hashlib.md5()/sha1()/new("md5") for a non-security use → usedforsecurity=False */
  B324(node, ctx) {
    if (node.type !== 'Call' || !plainCall(node) || keywordArg(node, 'usedforsecurity') || !(ctx.callName(node) ?? '').startsWith('hashlib.')) return undefined;
    if (SECURITY_CONTEXT.test(contextNames(node))) return undefined; // a token, password or signature: needs sha256, not a declaration
    return { description: 'add usedforsecurity=False (declares a non-security use: checksums, cache keys)', edits: [addArg(node, 'usedforsecurity=False')] };
  },

  /** subprocess.*("prog arg", shell=True) with a constant, metacharacter-free command → ["prog", "arg"] */
  B602(node) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const cmd = node.args[0];
    const shell = keywordArg(node, 'shell');
    if (!cmd || !shell || cmd.type !== 'Constant' || typeof cmd.value !== 'string') return undefined;
    const words = constantArgv(cmd.value);
    if (!words) return undefined;
    return {
      description: 'constant command → argument list without a shell',
      edits: [replace(cmd, `[${words.map((w) => JSON.stringify(w)).join(', ')}]`), removeArg(node, shell)],
    };
  },

  /** app.run(debug=True) → debug from the FLASK_DEBUG environment variable */
  B201(node, ctx) {
    if (node.type !== 'Call' || !plainCall(node)) return undefined;
    const k = keywordArg(node, 'debug');
    if (!k) return undefined;
    const imp = ensureImport(node, ctx, 'os');
    if (!imp) return undefined;
    return { description: 'debug=True → debug=os.environ.get("FLASK_DEBUG") == "1"', edits: [replace(k.value, 'os.environ.get("FLASK_DEBUG") == "1"'), ...imp] };
  },

  /**
   * An identifier written in a form NFKC changes (`ｅｖａｌ`) → the name Python reads (`eval`).
   * Safe: CPython normalises every identifier with NFKC while parsing (PEP 3131), so the
   * program before and after is the same syntax tree.
   */
  KR145(node, ctx, at) {
    if (node.type !== 'Module') return undefined;
    const r = (node.renamed ?? []).find((x) => x.line === at.line && x.col === at.col && x.endCol === at.endCol);
    if (!r || r.name.split('.').some((part) => PY_KEYWORDS.has(part.trim()))) return undefined;
    if ((ctx.lines[r.line - 1] ?? '').slice(r.col, r.endCol) !== r.written) return undefined;
    return { description: `write the name as Python reads it: ${r.name}`, edits: [edit({ line: r.line, col: r.col }, { line: r.line, col: r.endCol }, r.name)] };
  },

  /**
   * Bidirectional control characters that are all in comments → removed. Safe: comments
   * are not part of the program (the syntax tree is the same). Declines when one is in a
   * string or other code (removing it would change a value), or in a shebang or
   * encoding-cookie line (read by the OS or the interpreter).
   */
  B613(node, ctx) {
    if (node.type !== 'Module') return undefined;
    const commentsByLine = new Map<number, { col: number; end: number }[]>();
    for (const c of ctx.comments) {
      let list = commentsByLine.get(c.line);
      if (!list) commentsByLine.set(c.line, (list = []));
      list.push({ col: c.col, end: c.col + c.text.length });
    }
    const edits: TextEdit[] = [];
    for (let i = 0; i < ctx.lines.length; i++) {
      const line = ctx.lines[i];
      for (const m of line.matchAll(BIDI_RE)) {
        const col = m.index;
        if (!(commentsByLine.get(i + 1) ?? []).some((c) => c.col <= col && col < c.end) || readByTheRuntime(i + 1, line)) return undefined;
        edits.push(edit({ line: i + 1, col }, { line: i + 1, col: col + 1 }, ''));
      }
    }
    return edits.length ? { description: 'remove the bidirectional control characters from comments', edits } : undefined;
  },

  /** ssl._create_unverified_context() → ssl.create_default_context() */
  B323(node) {
    if (node.type !== 'Call' || !plainCall(node) || node.func.type !== 'Attribute' || node.func.attr !== '_create_unverified_context') return undefined;
    if (node.args.length || node.keywords.some((k) => !['cafile', 'capath', 'cadata'].includes(k.arg ?? ''))) return undefined;
    return { description: 'ssl._create_unverified_context() → ssl.create_default_context() (certificates and host names checked)', edits: [replaceAttr(node.func, 'create_default_context')!] };
  },
};

/** Shell words that may be dangerous to split by hand or that only a shell understands. */
const SHELL_BUILTINS = new Set(['cd', 'export', 'source', '.', 'alias', 'set', 'unset', 'exit', 'exec', 'eval', 'ulimit', 'umask', 'wait', 'read', 'type', 'trap', 'shopt', 'history', 'jobs', 'fg', 'bg']);

/**
 * The argv of a constant shell command when splitting on spaces is exactly what the shell
 * would do: only letters, digits and `_ . / : = + , @ % -`, no quotes, globs, variables,
 * redirections, pipes or separators, no `VAR=x` prefix, no shell builtin.
 */
export function constantArgv(cmd: string): string[] | undefined {
  const trimmed = cmd.trim();
  if (!trimmed || !/^[A-Za-z0-9_./:=+,@%\- ]+$/.test(trimmed)) return undefined;
  const words = trimmed.split(/ +/);
  if (words[0].includes('=') || SHELL_BUILTINS.has(words[0])) return undefined;
  return words;
}

/** Every fix, for docs/fixes.md (kept in step by a test). */
export const FIX_CATALOG: readonly FixInfo[] = [
  { ruleId: 'B113', title: 'requests call without timeout → `timeout=30`', safety: 'unsafe', note: 'a request slower than 30 s now raises `Timeout`' },
  { ruleId: 'B201', title: '`app.run(debug=True)` → `debug=os.environ.get("FLASK_DEBUG") == "1"`', safety: 'unsafe', note: 'the debugger is off unless FLASK_DEBUG=1 is set' },
  { ruleId: 'B202', title: '`tarfile` `extractall()` → `extractall(filter="data")`', safety: 'unsafe', minPython: '3.12', note: 'links leaving the folder, devices and absolute paths are refused; also in 3.8.17, 3.9.17, 3.10.12, 3.11.4 security releases' },
  { ruleId: 'B306', title: '`tempfile.mktemp()` → `tempfile.NamedTemporaryFile(delete=False).name`', safety: 'unsafe', note: 'the file now exists (empty, mode 0600) when the name is returned' },
  { ruleId: 'B323', title: '`ssl._create_unverified_context()` → `ssl.create_default_context()`', safety: 'unsafe', note: 'connections to hosts with invalid certificates now fail' },
  { ruleId: 'B324', title: '`hashlib.md5()`/`sha1()` → `usedforsecurity=False`', safety: 'unsafe', minPython: '3.9', note: 'the digest is the same, but on a FIPS-mode OpenSSL a call that raised `ValueError` now succeeds; and it declares a non-security use only a reader can vouch for (if the hash protects anything, use sha256)' },
  { ruleId: 'B501', title: '`verify=False` removed from requests/httpx calls', safety: 'unsafe', note: 'hosts with invalid certificates now fail' },
  { ruleId: 'B506', title: '`yaml.load(s, Loader=…)` → `yaml.safe_load(s)`', safety: 'unsafe', note: 'documents with Python tags now fail to load' },
  { ruleId: 'B602', title: '`subprocess.run("prog arg", shell=True)` (constant, no metacharacters) → `subprocess.run(["prog", "arg"])`', safety: 'unsafe', note: 'a missing program raises FileNotFoundError instead of exit status 127' },
  { ruleId: 'B613', title: 'bidirectional control characters in comments → removed', safety: 'safe', note: 'safe: comments are not part of the program (same syntax tree); not offered when one is in a string or in a shebang or encoding line' },
  { ruleId: 'B701', title: '`jinja2.Environment(...)` → `autoescape=True`', safety: 'unsafe', note: 'HTML in variables is now escaped (intended markup needs `|safe`/Markup)' },
  { ruleId: 'KR124', title: '`random.choice/getrandbits/randbytes` for a secret → `secrets.choice/randbits/token_bytes`', safety: 'unsafe', note: 'values no longer follow random.seed()' },
  { ruleId: 'KR145', title: 'identifier written with NFKC look-alikes (`ｅｖａｌ`) → the name Python reads (`eval`)', safety: 'safe', note: 'safe: Python normalises identifiers with NFKC when parsing (PEP 3131), so the syntax tree is the same; not offered when the name would be a keyword' },
];

const INFO = new Map(FIX_CATALOG.map((f) => [f.ruleId, f]));

/** Rule ids that have a fix. */
export function hasFixer(ruleId: string): boolean {
  return ruleId in FIXERS;
}

/**
 * The fix for a finding rule `ruleId` reports at `node` (the node its visitor received;
 * `at` is where the finding itself is), or undefined.
 */
export function autofixFor(ruleId: string, node: A.AnyNode, ctx: RuleContext, at: FixSite): Autofix | undefined {
  const f = FIXERS[ruleId];
  if (!f) return undefined;
  let r: ReturnType<Fixer>;
  try {
    r = f(node, ctx, at);
  } catch {
    return undefined; // a fixer bug must not stop the analysis
  }
  if (!r || !r.edits.length) return undefined;
  const info = INFO.get(ruleId);
  const preview = previewOf(r.edits, ctx.lines, r.description);
  return { ...r, safety: info?.safety ?? 'unsafe', ...(info?.minPython ? { minPython: info.minPython } : {}), ...(preview ? { preview } : {}) };
}

/**
 * The lines the main edit changes, before and after, with `# krait: <description>` at the
 * end of the last changed line. Edits that only add a line (an import) are shown as that
 * line, above. Undefined when the lines are long or many (a report shows the snippet then).
 */
export function previewOf(edits: readonly TextEdit[], lines: readonly string[], description: string): Autofix['preview'] {
  const main = edits.filter((e) => !(e.startColumn === 0 && e.startLine === e.endLine && e.endColumn === 0 && e.text.endsWith('\n')));
  const added = edits.filter((e) => !main.includes(e)).map((e) => e.text.replace(/\n$/, ''));
  if (!main.length) return undefined;
  const from = Math.min(...main.map((e) => e.startLine));
  const to = Math.max(...main.map((e) => e.endLine));
  if (to - from > 8) return undefined;
  const before = lines.slice(from - 1, to).join('\n');
  const starts: number[] = [];
  let acc = 0;
  for (let l = from; l <= to; l++) {
    starts.push(acc);
    acc += (lines[l - 1] ?? '').length + 1;
  }
  let after = before;
  for (const e of [...main].sort((a, b) => b.startLine - a.startLine || b.startColumn - a.startColumn)) {
    const s = starts[e.startLine - from] + e.startColumn;
    const en = starts[e.endLine - from] + e.endColumn;
    after = after.slice(0, s) + e.text + after.slice(en);
  }
  const afterLines = after.split('\n');
  const short = description.replace(/\s*\(.*\)$/, '');
  afterLines[afterLines.length - 1] += `  # krait: ${short}`;
  return { startLine: from, before, after: [...added.map((a) => `${a}  # krait: added for the fix`), ...afterLines].join('\n') };
}
