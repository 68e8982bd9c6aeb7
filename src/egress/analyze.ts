/**
 * The per-file egress analysis: one walk over the shared parse collects imports and calls
 * of network modules, subprocesses of network tools, endpoint literals and credential
 * names; endpoints are then resolved against the calls they reach. The verdict rule is
 * documented in docs/egress.md.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { walk } from '../python/visit.js';
import { matchCall, matchImport, SENDING_METHODS } from './modules.js';
import { parseEndpoint, type Endpoint } from './endpoints.js';
import { isCommandRunner, subprocessNetworkCommands } from './commands.js';
import { credentialDetail, isProviderCredentialLiteral, isServiceCredentialName } from './credentials.js';
import { MAX_VIA, type EgressChannel, type EgressKind, type EgressVia, type EndpointScope, type FileEgress } from './types.js';

/** Calls that read the environment (or a settings store) by name: the first argument is the name. */
const ENV_GETTERS = new Set([
  'os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.environ.pop', 'os.getenvb', 'os.environb.get',
  'decouple.config', 'environs.Env', 'env', 'env.str', 'env.url', 'env.db', 'env.db_url', 'env.cache_url', 'config',
]);

/** Callees that never send their arguments anywhere: output, logging, checks, string and regex helpers. */
const INERT_FUNCTIONS = new Set([
  'print', 'len', 'isinstance', 'issubclass', 'repr', 'hasattr', 'setattr', 'sorted', 'type', 'id', 'hash', 'bool', 'int', 'float', 'ord',
  'warnings.warn', 'warnings.warn_explicit', '_', 'N_', 'gettext', 'ngettext', 'gettext.gettext', 'gettext_lazy', 'lazy_gettext', 'ugettext',
  'ugettext_lazy', 'pgettext', 'mock.patch', 'unittest.mock.patch', 'patch', 'pytest.mark.parametrize', 'pytest.raises', 'pytest.skip',
  'pytest.fail', 'pytest.param', 'click.echo', 'click.secho', 'ipaddress.ip_address', 'ipaddress.ip_network', 'ipaddress.IPv4Address',
  'ipaddress.IPv6Address', 'ipaddress.ip_interface', 'ipaddress.IPv4Network', 'ipaddress.IPv6Network', 'sys.exit', 'exit', 'quit', 'input',
]);
const INERT_MODULES = /^(?:re|logging|fnmatch|string|textwrap|unittest|doctest|argparse|optparse|typing|warnings|ipaddress|rich|structlog|loguru)\./;
const INERT_METHODS = new Set([
  'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'write', 'writelines', 'print', 'echo', 'secho',
  'startswith', 'endswith', 'split', 'rsplit', 'partition', 'rpartition', 'find', 'rfind', 'index', 'rindex', 'count', 'lower', 'upper',
  'match', 'fullmatch', 'search', 'sub', 'subn', 'findall', 'finditer', 'compile', 'add_argument', 'add_option', 'set_defaults', 'append',
  'extend', 'insert', 'add', 'remove', 'discard', 'fail', 'skipTest', 'subTest', 'parametrize', 'set_description', 'set_postfix', 'update_state',
  'translate', 'encode', 'decode', 'casefold', 'isdigit', 'isidentifier', 'splitlines',
]);
const EXCEPTION_NAME = /(?:Error|Exception|Warning|Exit)$/;

/** Callees whose result is built from their arguments (the endpoint flows on through them). */
const PASS_THROUGH_FUNCTIONS = new Set([
  'str', 'os.getenv', 'os.environ.get', 'os.environ.setdefault', 'getattr', 'urllib.parse.urljoin', 'urllib.parse.urlparse', 'urllib.parse.urlsplit',
  'urllib.parse.urlunparse', 'urllib.parse.urlunsplit', 'urllib.parse.quote', 'urlparse.urljoin', 'furl.furl', 'furl', 'yarl.URL', 'httpx.URL', 'URL',
  'posixpath.join', 'os.path.join', 'dict', 'list', 'tuple', 'set', 'frozenset',
]);
/** Methods that, called on an endpoint string, still give an endpoint string. */
const PASS_THROUGH_RECEIVER = new Set(['format', 'format_map', 'strip', 'rstrip', 'lstrip', 'replace', 'removesuffix', 'removeprefix', 'lower', 'encode', 'join', 'get', 'setdefault']);

/** Where the climb from an endpoint literal ended. */
interface Reach {
  /** The literal is an argument of a call that may send it. */
  passed: boolean;
  /** Names (variables, attributes, parameters, keywords) the literal is bound to. */
  names: string[];
}

function lastSegment(q: string): string {
  return q.slice(q.lastIndexOf('.') + 1);
}

function isInertCall(call: A.Call, semantic: SemanticModel, known?: string | null): boolean {
  const q = known !== undefined ? known : semantic.callName(call);
  const method = call.func.type === 'Attribute' ? call.func.attr : null;
  if (q !== null) {
    if (INERT_FUNCTIONS.has(q) || INERT_MODULES.test(q)) return true;
    if (EXCEPTION_NAME.test(lastSegment(q))) return true;
  }
  if (method !== null && (INERT_METHODS.has(method) || method.startsWith('assert'))) return true;
  return false;
}

function isPassThroughCall(call: A.Call, semantic: SemanticModel): boolean {
  const q = semantic.callName(call);
  return q !== null && PASS_THROUGH_FUNCTIONS.has(q);
}

/** Names a target binds (`x`, `self.url` → url, `a, b` → a, b). */
function targetNames(t: A.Expr, out: string[]): void {
  if (t.type === 'Name') out.push(t.id);
  else if (t.type === 'Attribute') out.push(t.attr);
  else if (t.type === 'Tuple' || t.type === 'List') for (const e of t.elts) targetNames(e, out);
  else if (t.type === 'Subscript') {
    const s = t.slice;
    if (s.type === 'Constant' && typeof s.value === 'string') out.push(s.value);
  }
}

/** The parameter a default value belongs to. */
function paramOfDefault(args: A.Arguments, value: A.AnyNode): string | undefined {
  const pos = [...args.posonlyargs, ...args.args];
  const i = args.defaults.indexOf(value as A.Expr);
  if (i >= 0) return pos[pos.length - args.defaults.length + i]?.arg;
  const k = args.kw_defaults.indexOf(value as A.Expr);
  if (k >= 0) return args.kwonlyargs[k]?.arg;
  return undefined;
}

/**
 * Follow an endpoint literal up through the expressions that carry it (concatenation,
 * formatting, containers, `urljoin`, `os.getenv(name, default)`…) to where it ends: an
 * argument of a call, or a name it is bound to.
 */
function climb(start: A.AnyNode, semantic: SemanticModel): Reach {
  const names: string[] = [];
  let cur: A.AnyNode = start;
  for (let guard = 0; guard < 64; guard++) {
    const p: A.AnyNode | null = cur.parent;
    if (!p) break;
    switch (p.type) {
      case 'BinOp':
      case 'BoolOp':
      case 'IfExp':
      case 'JoinedStr':
      case 'FormattedValue':
      case 'Tuple':
      case 'List':
      case 'Set':
      case 'Starred':
      case 'Await':
        cur = p;
        continue;
      case 'Dict':
        if (p.values.includes(cur as A.Expr)) {
          const i = p.values.indexOf(cur as A.Expr);
          const k = p.keys[i];
          if (k && k.type === 'Constant' && typeof k.value === 'string') names.push(k.value);
          cur = p;
          continue;
        }
        return { passed: false, names };
      case 'keyword':
        if (p.arg) names.push(p.arg);
        cur = p;
        continue;
      case 'Attribute': {
        const call = p.parent;
        if (p.value === cur && call && call.type === 'Call' && call.func === p && PASS_THROUGH_RECEIVER.has(p.attr)) {
          cur = call;
          continue;
        }
        return { passed: false, names };
      }
      case 'Call': {
        if (p.func === cur) return { passed: false, names };
        if (isPassThroughCall(p, semantic)) {
          cur = p;
          continue;
        }
        return { passed: !isInertCall(p, semantic), names };
      }
      case 'Assign':
        if (p.value === cur) for (const t of p.targets) targetNames(t, names);
        return { passed: false, names };
      case 'AnnAssign':
      case 'AugAssign':
      case 'NamedExpr':
        if (p.value === cur) targetNames(p.target, names);
        return { passed: false, names };
      case 'arguments': {
        const n = paramOfDefault(p, cur);
        if (n) names.push(n);
        return { passed: false, names };
      }
      default:
        return { passed: false, names };
    }
  }
  return { passed: false, names };
}

/** Names and attribute names that reach the arguments of `call` (through concatenation, containers, formatting). */
function collectArgNames(call: A.Call, into: Set<string>): void {
  const stack: A.Expr[] = [...call.args];
  for (const k of call.keywords) stack.push(k.value);
  let budget = 200;
  while (stack.length && budget-- > 0) {
    const e = stack.pop()!;
    switch (e.type) {
      case 'Name':
        into.add(e.id);
        break;
      case 'Attribute':
        into.add(e.attr);
        break;
      case 'Subscript':
        if (e.slice.type === 'Constant' && typeof e.slice.value === 'string') into.add(e.slice.value);
        stack.push(e.value);
        break;
      case 'BinOp':
        stack.push(e.left, e.right);
        break;
      case 'BoolOp':
        stack.push(...e.values);
        break;
      case 'IfExp':
        stack.push(e.body, e.orelse);
        break;
      case 'JoinedStr':
        for (const v of e.values) if (v.type === 'FormattedValue') stack.push(v.value);
        break;
      case 'Tuple':
      case 'List':
      case 'Set':
        stack.push(...e.elts);
        break;
      case 'Starred':
        stack.push(e.value);
        break;
      case 'Dict':
        for (const v of e.values) stack.push(v);
        break;
      case 'Call':
        // url.format(...), urljoin(BASE, path), str(x): the receiver and arguments flow on.
        if (e.func.type === 'Attribute') stack.push(e.func.value);
        stack.push(...e.args);
        break;
      default:
        break;
    }
  }
}

/** True when the root of a dotted callee is an import (or `__import__(...)`), not a local variable or parameter. */
function rootIsImported(expr: A.Expr, semantic: SemanticModel): boolean {
  let e = expr;
  // Follows `x = mod.attr` aliases a few steps (a self-referencing `x = x.y` ends the loop).
  for (let hops = 0; hops < 8; hops++) {
    while (e.type === 'Attribute') e = e.value;
    if (e.type === 'Call') return semantic.qualifiedName(e) !== null;
    if (e.type !== 'Name') return false;
    const b = semantic.lookup(e.id, e);
    if (!b) return false;
    if (b.kind === 'import') return true;
    if (!(b.kind === 'assign' && b.count === 1 && b.value && (b.value.type === 'Attribute' || b.value.type === 'Name'))) return false;
    e = b.value;
  }
  return false;
}

/** True when a Name is bound here rather than read (`socket = None` in an import fallback). */
function isStoreTarget(n: A.Name): boolean {
  const p = n.parent;
  if (!p) return false;
  switch (p.type) {
    case 'Assign':
      return p.targets.includes(n);
    case 'AnnAssign':
    case 'AugAssign':
    case 'For':
    case 'AsyncFor':
      return p.target === n;
    case 'withitem':
      return p.optional_vars === n;
    case 'Delete':
      return true;
    default:
      return false;
  }
}

/** True for `TYPE_CHECKING` / `typing.TYPE_CHECKING` tests. */
function isTypeCheckingTest(test: A.Expr): boolean {
  return (test.type === 'Name' && test.id === 'TYPE_CHECKING') || (test.type === 'Attribute' && test.attr === 'TYPE_CHECKING');
}

/** The literal text of an f-string, with `{}` where the values go; undefined if it does not start with text. */
function fstringTemplate(e: A.JoinedStr): string | undefined {
  let s = '';
  for (const v of e.values) {
    if (v.type === 'Constant' && typeof v.value === 'string') s += v.value;
    else if (s === '') return undefined;
    else s += '{}';
  }
  return s;
}

const COUNTING_SCOPES: ReadonlySet<EndpointScope> = new Set(['public', 'private', 'unknown']);
/** Names that say a dotted-quad string is a version or an OID, not an address. */
const VERSION_NAME = /version|(?:^|_)ver(?:$|_)|oid|release|revision/i;

interface Candidate {
  ep: Endpoint;
  node: A.AnyNode;
  line: number;
}

/** An `import M [as N]` of a network module, kept by the local name it binds until the file's uses of it are known. */
interface ModuleImport {
  detail: string;
  line: number;
  channel: EgressChannel;
  qualified: string;
}

/** Order of kinds on one line: the module before its call before what the call receives. */
const KIND_ORDER: readonly EgressKind[] = ['import', 'call', 'subprocess', 'url', 'host', 'ip', 'credential-name'];

/** Collects `via` entries, deduplicated by kind and detail. */
class ViaSet {
  private readonly byKey = new Map<string, EgressVia>();
  truncated = false;

  add(kind: EgressKind, detail: string, line: number, counts: boolean, channel: EgressChannel, extra?: Pick<EgressVia, 'scope' | 'passedToCall'>): void {
    const key = `${kind}\u0000${detail}`;
    const old = this.byKey.get(key);
    if (old) {
      old.occurrences++;
      if (line < old.line) old.line = line;
      if (counts && !old.counts) old.counts = true;
      if (extra?.passedToCall) old.passedToCall = true;
      return;
    }
    if (this.byKey.size >= MAX_VIA * 4) {
      this.truncated = true;
      return;
    }
    this.byKey.set(key, { kind, detail: detail.length > 200 ? `${detail.slice(0, 199)}…` : detail, line, counts, channel, ...extra, occurrences: 1 });
  }

  result(): FileEgress {
    const all = [...this.byKey.values()].sort(
      (a, b) => Number(b.counts) - Number(a.counts) || a.line - b.line || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.detail.localeCompare(b.detail),
    );
    const via = all.slice(0, MAX_VIA);
    const channels = [...new Set(all.filter((v) => v.counts).map((v) => v.channel))].sort();
    const out: FileEgress = { canSendData: all.some((v) => v.counts), via, channels };
    if (this.truncated || all.length > MAX_VIA) out.truncated = true;
    return out;
  }
}

/**
 * Every way one Python file can send data out, and the verdict (docs/egress.md).
 *
 * @param module the parsed module, parents linked
 * @param semantic its semantic model (imports and aliases resolve through it)
 * @param _source the file's text (unused: everything comes from the tree)
 * @param _path the file's path as reported (unused: the verdict does not depend on it)
 * @returns the evidence and verdict; never undefined for a parsed file
 */
export function analyzeFileEgress(module: A.Module, semantic: SemanticModel, _source: string, _path: string): FileEgress {
  const via = new ViaSet();
  const typeOnly: [number, number][] = [];
  const candidates: Candidate[] = [];
  const calls: A.Call[] = [];
  /** `import M [as N]` of network modules, by the local name bound; decided after the walk. */
  const moduleImports = new Map<string, ModuleImport[]>();
  const loudUse = new Set<string>();
  const quietUse = new Set<string>();
  /** Every local name an import binds, in any scope. */
  const importedNames = new Set<string>();
  for (const imp of semantic.imports) {
    const n = imp.node;
    if (n.type === 'Import') for (const a of n.names) importedNames.add(a.asname ?? a.name.split('.')[0]);
    else for (const a of n.names) importedNames.add(a.asname ?? a.name);
  }
  const inTypeOnly = (line: number): boolean => typeOnly.some(([a, b]) => line >= a && line <= b);

  const credential = (name: string, line: number): void => {
    if (!isServiceCredentialName(name)) return;
    const { detail, channel } = credentialDetail(name);
    via.add('credential-name', detail, line, false, channel);
  };

  walk(module, (node) => {
    switch (node.type) {
      case 'Expr':
        // Docstrings and other bare strings are documentation.
        if ((node.value.type === 'Constant' && typeof node.value.value === 'string') || node.value.type === 'JoinedStr') return false;
        break;
      case 'If':
        if (isTypeCheckingTest(node.test) && node.body.length) typeOnly.push([node.body[0].lineno, node.body[node.body.length - 1].end_lineno]);
        break;
      case 'Import':
        if (inTypeOnly(node.lineno)) break;
        for (const a of node.names) {
          const m = matchImport(a.name);
          if (!m || m.quiet) continue;
          const local = a.asname ?? a.name.split('.')[0];
          let list = moduleImports.get(local);
          if (!list) moduleImports.set(local, (list = []));
          list.push({ detail: a.name, line: node.lineno, channel: m.channel, qualified: a.asname ? a.name : local });
        }
        break;
      case 'ImportFrom': {
        if (node.level > 0 || !node.module || inTypeOnly(node.lineno)) break;
        // `from requests import get, Session` is one entry, `requests`; `from urllib import request` is `urllib.request`.
        const whole = matchImport(node.module);
        for (const a of node.names) {
          const q = a.name === '*' ? node.module : `${node.module}.${a.name}`;
          const m = matchImport(q);
          if (m && !m.quiet) via.add('import', whole && !whole.quiet ? node.module : q, node.lineno, true, m.channel);
        }
        break;
      }
      case 'Call': {
        calls.push(node);
        // Resolving a callee costs a scope lookup: only callees rooted at an imported name
        // (or `__import__(...)`), or the bare environment helpers, can match.
        let root: A.Expr = node.func;
        while (root.type === 'Attribute') root = root.value;
        const resolvable = root.type === 'Call' || (root.type === 'Name' && (importedNames.has(root.id) || root.id === 'env' || root.id === 'config'));
        const q = resolvable ? semantic.callName(node) : null;
        const m = q !== null ? matchCall(q) : undefined;
        const runs = q !== null && isCommandRunner(q);
        if (q !== null && ((m && !m.quiet) || runs) && rootIsImported(node.func, semantic)) {
          if (m && !m.quiet) via.add('call', q, node.lineno, true, m.channel);
          if (runs) for (const cmd of subprocessNetworkCommands(node, q, semantic)) via.add('subprocess', cmd, node.lineno, true, 'subprocess');
        } else if (!m && node.func.type === 'Attribute') {
          const ch = SENDING_METHODS.get(node.func.attr);
          if (ch) {
            const base = semantic.qualifiedName(node.func.value);
            via.add('call', `${base ?? '…'}.${node.func.attr}`, node.lineno, true, ch);
          }
        }
        if (q !== null && ENV_GETTERS.has(q) && node.args[0]) {
          const v = semantic.constValue(node.args[0]);
          if (typeof v === 'string') credential(v, node.lineno);
        }
        break;
      }
      case 'Name': {
        const imports = moduleImports.get(node.id);
        if (!imports) break;
        const p = node.parent;
        if (p && p.type === 'Attribute' && p.value === node) {
          // `socket.gethostname` is a quiet use, `socket.socket` a sending one, `urllib.parse.x` neither.
          let chain = `${imports[0].qualified}.${p.attr}`;
          let cur: A.AnyNode = p;
          while (cur.parent && cur.parent.type === 'Attribute' && cur.parent.value === cur) {
            cur = cur.parent;
            chain += `.${cur.attr}`;
          }
          const m = matchImport(chain) ?? matchCall(chain);
          if (m) (m.quiet ? quietUse : loudUse).add(node.id);
        } else if (!isStoreTarget(node)) loudUse.add(node.id);
        break;
      }
      case 'Subscript': {
        const v = node.value;
        if (!((v.type === 'Attribute' && (v.attr === 'environ' || v.attr === 'environb')) || (v.type === 'Name' && (v.id === 'environ' || v.id === 'environb')))) break;
        const base = semantic.qualifiedName(v);
        if (base === 'os.environ' || base === 'os.environb') {
          const v = semantic.constValue(node.slice);
          if (typeof v === 'string') credential(v, node.lineno);
        }
        break;
      }
      case 'Attribute': {
        if (/^[A-Z][A-Z0-9_]+$/.test(node.attr) && node.attr.includes('_')) {
          const base = semantic.qualifiedName(node.value);
          if (base && /(?:^|\.)(?:settings|config|conf|Config|Settings)$/.test(base)) credential(node.attr, node.lineno);
        }
        break;
      }
      case 'Constant': {
        if (typeof node.value !== 'string' || node.kind !== 'str' || node.parent?.type === 'JoinedStr') break;
        const ep = parseEndpoint(node.value);
        if (ep) candidates.push({ ep, node, line: node.lineno });
        else if (isProviderCredentialLiteral(node.value)) credential(node.value, node.lineno);
        break;
      }
      case 'JoinedStr': {
        const t = fstringTemplate(node);
        if (t === undefined || !t.includes('://')) break;
        const ep = parseEndpoint(t);
        if (ep) candidates.push({ ep, node, line: node.lineno });
        break;
      }
      default:
        break;
    }
    return true;
  });

  countModuleImports(via, moduleImports, loudUse, quietUse);
  addEndpoints(via, candidates, calls, semantic);
  return via.result();
}

/** An `import M` of a network module counts unless every use of M in the file is quiet (`socket.gethostname()`). */
function countModuleImports(via: ViaSet, moduleImports: Map<string, ModuleImport[]>, loudUse: Set<string>, quietUse: Set<string>): void {
  for (const [local, list] of moduleImports) {
    const counts = loudUse.has(local) || !quietUse.has(local);
    for (const i of list) via.add('import', i.detail, i.line, counts, i.channel);
  }
}

/** Endpoint literals: each one counts when it is passed to a call (directly or through a name that reaches call arguments) in a counting scope. */
function addEndpoints(via: ViaSet, candidates: Candidate[], calls: A.Call[], semantic: SemanticModel): void {
  // Names that reach call arguments, collected only when some endpoint is bound to a name.
  let argNames: Set<string> | undefined;
  for (const c of candidates) {
    const reach = climb(c.node, semantic);
    if (!reach.passed && reach.names.length && !argNames) {
      argNames = new Set<string>();
      for (const call of calls) if (!isInertCall(call, semantic)) collectArgNames(call, argNames);
    }
    if (c.ep.kind === 'ip' && reach.names.some((n) => VERSION_NAME.test(n))) continue;
    const passed = reach.passed || (argNames !== undefined && reach.names.some((n) => argNames!.has(n)));
    via.add(c.ep.kind, c.ep.value, c.line, passed && COUNTING_SCOPES.has(c.ep.scope), 'endpoint', { scope: c.ep.scope, passedToCall: passed });
  }
}
