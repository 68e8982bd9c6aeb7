/**
 * Triage: the reasoning layer's verdict on pattern findings whose risk depends on what
 * reaches the flagged argument (a command, code, SQL text, a deserialised payload, an XML
 * document, a URL, HTML marked safe). The data-flow analysis observes that argument and
 * answers `reachable` (an untrusted source reaches it), `constant`, `sanitised` (cleared
 * for this sink kind on every path), `safe-configuration`, or `unknown`. Import findings
 * (B403, B404, B405…) follow the verdicts of the calls into the imported module. A pattern
 * finding and a data-flow finding on the same place become one finding that keeps the
 * pattern rule's id and names the flow rule in `relatedRuleIds`.
 */
import type { Finding, TraceStep, Verdict } from '../core/finding.js';
import { severityRank } from '../core/finding.js';
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { pushChildrenReversed } from '../python/visit.js';
import { ALL_MASK, K, live, originMask, type Taint } from './model.js';
import type { DeadCode, Observation, TaintAnalysis } from './engine.js';
import { traceSteps } from './index.js';
import { FLOW_RULE_IDS } from './models/kinds.js';
import { externalEntitiesOn, parserUses, type ParsedDocument } from './xml-parsers.js';
import { enclosingFunction, hingeParts, withShellGate, type Hinge } from './callers.js';
import { namesBound } from './guards.js';
import { randomUse } from './random-use.js';
import { fixedFile } from './fixed-files.js';

/** How a pattern rule's flagged argument is found and which sink kind it is. */
interface TriageRule {
  /** Sink kind bit (see K) the argument must still carry to be reachable. */
  bit: number;
  /** The flagged expression, from the node the rule reported. */
  pick: (node: A.AnyNode, sem: SemanticModel) => A.Expr | null;
  /** `argv`: only the program (first element) matters when no shell runs it. */
  mode?: 'argv' | 'xml';
  /** Data-flow rules whose finding on the same place merges into this one. */
  flows: readonly string[];
  /** What the sink does, for reasons: 'the command', 'the evaluated code'. */
  what: string;
  /** The flagged argument names a file whose contents matter (a constant path is not constant data). */
  fileArg?: (call: A.Call, sem: SemanticModel) => boolean;
  /** A safe configuration that settles the finding whatever the data (the reason), e.g. a loader a helper returns. */
  safeConfig?: (node: A.AnyNode, analysis: TaintAnalysis, lines: readonly string[]) => string | null;
  /** The flagged call makes an XML parser object: its verdict follows the documents the parser reads (see xml-parsers.ts). */
  parser?: (call: A.Call, sem: SemanticModel) => boolean;
  /** The flagged parser resolves external entities by its own options (lxml `resolve_entities=True`…), whatever the module does. */
  entitiesOn?: boolean;
}

/** PyYAML loaders that build only plain data. */
const SAFE_YAML_LOADERS = /^yaml\.(?:C)?SafeLoader$/;

/** `yaml.load(s, Loader=loader())` where `loader()` (here or in another module) always returns `yaml.SafeLoader`. */
function yamlLoaderConfig(node: A.AnyNode, analysis: TaintAnalysis, lines: readonly string[]): string | null {
  const c = callOf(node);
  if (!c) return null;
  const l = c.keywords.find((k) => k.arg === 'Loader')?.value ?? c.args[1];
  if (l?.type === 'Name') {
    // A name bound to a safe loader wherever the module binds it (`DEFINITION_LOADER = yaml.SafeLoader`,
    // `getattr(yaml, "CSafeLoader", yaml.SafeLoader)`, `from yaml import CSafeLoader as Loader` with SafeLoader on ImportError).
    const b = analysis.sem.lookup(l.id, l);
    if (!b || (b.kind !== 'assign' && b.kind !== 'import')) return null;
    const values = moduleBindings(analysis.module, l.id);
    return values.length && values.every((v) => safeYamlLoader(v, analysis.sem)) ? `\`${l.id}\` is always a safe loader (${values.map((v) => (typeof v === 'string' ? v : clip(exprText(lines, v)))).join(', ')}), which builds only plain data` : null;
  }
  if (!l || l.type !== 'Call') return null;
  const q = analysis.returnedName(l);
  return q && SAFE_YAML_LOADERS.test(q) ? `the loader \`${clip(exprText(lines, l))}\` always returns ${q}, which builds only plain data` : null;
}

/** `yaml.SafeLoader`, `yaml.CSafeLoader`, or `getattr(yaml, "CSafeLoader", <one of those>)` (the C loader when PyYAML was built with it). */
function safeYamlLoader(e: A.Expr | string, sem: SemanticModel): boolean {
  if (typeof e === 'string') return SAFE_YAML_LOADERS.test(e);
  if (e.type === 'Call' && sem.callName(e) === 'getattr' && e.args.length === 3 && !sem.lookup('getattr', e)) {
    const [mod, name, fallback] = e.args;
    return sem.qualifiedName(mod) === 'yaml' && SAFE_YAML_LOADERS.test(`yaml.${String(sem.constValue(name))}`) && safeYamlLoader(fallback, sem);
  }
  return SAFE_YAML_LOADERS.test(sem.qualifiedName(e) ?? '');
}

/**
 * What the module's top-level code binds a name to, in every place it does (assignments,
 * and `from … import` — inside `try`/`if` too): the assigned values, or for an import the
 * qualified name it imports; empty when any binding is of another kind (a loop, a
 * `with`, a function) or a statement binds it in a way not followed.
 */
function moduleBindings(module: A.Module, name: string): (A.Expr | string)[] {
  const out: (A.Expr | string)[] = [];
  let other = false;
  const stack: A.Stmt[] = [...module.body];
  while (stack.length && !other) {
    const s = stack.pop()!;
    if (s.type === 'Assign') {
      for (const t of s.targets) {
        if (!namesBound(t).includes(name)) continue;
        if (t.type === 'Name') out.push(s.value);
        else other = true;
      }
    } else if (s.type === 'ImportFrom') {
      for (const a of s.names) if ((a.asname ?? a.name) === name) out.push(s.level ? `.${a.name}` : `${s.module ?? ''}.${a.name}`);
    } else if (s.type === 'Try') stack.push(...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.finalbody);
    else if (s.type === 'If') stack.push(...s.body, ...s.orelse);
    else if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef' || s.type === 'ClassDef') && s.name === name) other = true;
    else if (s.type === 'AnnAssign' || s.type === 'AugAssign' || s.type === 'Import' || s.type === 'For' || s.type === 'With') {
      if (s.type === 'Import' ? s.names.some((a) => (a.asname ?? a.name.split('.')[0]) === name) : s.type === 'AnnAssign' || s.type === 'AugAssign' ? s.target.type === 'Name' && s.target.id === name : s.type === 'For' ? namesBound(s.target).includes(name) : false) other = true;
    }
  }
  return other ? [] : out;
}

function callOf(n: A.AnyNode): A.Call | null {
  return n.type === 'Call' ? n : null;
}

function arg(i: number, ...keywords: string[]) {
  return (n: A.AnyNode): A.Expr | null => {
    const c = callOf(n);
    if (!c) return null;
    const a = c.args[i];
    if (a && a.type !== 'Starred') return a;
    for (const k of c.keywords) if (k.arg && keywords.includes(k.arg)) return k.value;
    return null;
  };
}

/** The whole string a SQL literal is part of: the outermost `+`/`%` chain, the f-string, or the `.format()` call. */
function sqlString(n: A.AnyNode): A.Expr | null {
  let p = n.parent;
  if (!p) return null;
  if (p.type === 'BinOp') {
    let top: A.AnyNode = p;
    while (top.parent && top.parent.type === 'BinOp') top = top.parent;
    return top;
  }
  if (p.type === 'JoinedStr') return p;
  if (p.type === 'Attribute' && p.attr === 'format' && p.parent && p.parent.type === 'Call') return p.parent;
  p = null;
  return null;
}

/** Is this a call of the builtin `compile` (not a function of the module's own of that name)? */
function isCompile(e: A.Expr, sem: SemanticModel): e is A.Call {
  if (e.type !== 'Call') return false;
  const q = sem.callName(e);
  return q === 'builtins.compile' || (q === 'compile' && sem.lookup('compile', e) === undefined);
}

/**
 * The code that `exec`/`eval` runs: their argument, or — for a code object made by
 * `compile(src, name, mode)`, passed directly or through a name bound once
 * (`code = compile(...); exec(code)`) — compile's source argument, whose value decides.
 */
function codeSource(n: A.AnyNode, sem: SemanticModel): A.Expr | null {
  const e = arg(0, 'source')(n);
  if (!e) return null;
  let c: A.Expr = e;
  if (c.type === 'Name') {
    const b = sem.lookup(c.id, c);
    if (b && b.kind === 'assign' && b.count === 1 && b.value && isCompile(b.value, sem)) c = b.value;
  }
  return isCompile(c, sem) ? (arg(0, 'source')(c) ?? e) : e;
}

const SHELL = { bit: K.SHELL, flows: ['KR102'], what: 'the command' } as const;
const CODE = { bit: K.CODE, flows: ['KR103'], what: 'the evaluated code' } as const;
const DESER = { bit: K.DESER, flows: ['KR109'], what: 'the deserialised data' } as const;
const XML = { bit: 0, flows: [] as string[], what: 'the parsed XML', mode: 'xml' as const };

/** Pattern rules the reasoning layer judges, by rule id. */
export const TRIAGE_RULES: ReadonlyMap<string, TriageRule> = new Map<string, TriageRule>([
  ['B602', { ...SHELL, pick: arg(0, 'args') }],
  ['B604', { ...SHELL, pick: arg(0, 'args', 'cmd', 'command') }],
  ['B605', { ...SHELL, pick: arg(0, 'cmd', 'command') }],
  ['B601', { ...SHELL, pick: arg(0, 'command') }],
  ['B603', { ...SHELL, pick: arg(0, 'args'), mode: 'argv' }],
  ['B606', { ...SHELL, pick: (n) => (callOf(n) && /spawn/.test(calleeText(callOf(n)!)) ? arg(1)(n) : arg(0, 'path', 'filepath')(n)), mode: 'argv' }],
  ['B307', { ...CODE, pick: codeSource }],
  ['B102', { ...CODE, pick: codeSource }],
  ['B608', { bit: K.SQL, flows: ['KR101'], what: 'the SQL text', pick: sqlString }],
  ['KR129', { bit: K.SQL, flows: ['KR101'], what: 'the SQL text', pick: (n) => (n.type === 'Call' ? arg(0, 'sql', 'query')(n) : (n as A.Expr)) }],
  ['B611', { bit: K.SQL, flows: ['KR101'], what: 'the SQL text', pick: arg(0, 'sql') }],
  // loads/decode take the serialised bytes or text; load, Unpickler, shelve.open and read_pickle a file whose contents matter.
  ['B301', { ...DESER, pick: arg(0, 'data', 'file', 'string', 'filename', 'filepath_or_buffer'), fileArg: (c, sem) => !/\.(?:loads|decode)$/.test(sem.callName(c) ?? '') }],
  ['B302', { ...DESER, pick: arg(0, 'file'), fileArg: (c, sem) => /\.load$/.test(sem.callName(c) ?? '') }],
  ['B506', { ...DESER, pick: arg(0, 'stream'), safeConfig: yamlLoaderConfig }],
  ['B614', { ...DESER, pick: arg(0, 'f'), fileArg: () => true }],
  ['B310', { bit: K.SSRF, flows: ['KR105'], what: 'the URL', pick: arg(0, 'url') }],
  ['B308', { bit: K.XSS, flows: ['KR108'], what: 'the HTML marked safe', pick: arg(0, 's') }],
  ['B703', { bit: K.XSS, flows: ['KR108'], what: 'the HTML marked safe', pick: arg(0, 's') }],
  ['B704', { bit: K.XSS, flows: ['KR108'], what: 'the HTML marked safe', pick: arg(0, 'base') }],
  ...['B313', 'B314', 'B316', 'B318', 'B319'].map((id): [string, TriageRule] => [id, { ...XML, pick: arg(0, 'source', 'text', 'string', 'file') }]),
  ['B315', { ...XML, pick: arg(0, 'source'), parser: () => true }],
  ['B317', { ...XML, pick: arg(0, 'source', 'string'), parser: (c, sem) => /(?:^|\.)make_parser$/.test(sem.callName(c) ?? '') }],
  ['KR131', { ...XML, pick: arg(0, 'source'), entitiesOn: true, parser: (c, sem) => !/(?:^|\.)iterparse$/.test(sem.callName(c) ?? '') }],
]);

/** Import findings and the call findings that are their uses. */
const IMPORT_USES: ReadonlyMap<string, readonly string[]> = new Map([
  ['B403', ['B301']],
  ['B404', ['B602', 'B603', 'B604', 'B605', 'B606']],
  ['B405', ['B313', 'B314']],
  ['B406', ['B317', 'B315']],
  ['B407', ['B316']],
  ['B408', ['B318']],
  ['B409', ['B319']],
]);

/** Import rules whose verdict follows the calls into the imported module. */
export const IMPORT_RULES: ReadonlySet<string> = new Set(IMPORT_USES.keys());

/** Verdicts that dismiss a finding by default. */
export const DISMISSING: ReadonlySet<Verdict['kind']> = new Set(['constant', 'sanitised', 'safe-configuration', 'non-security-use']);

/** Flow rules (KR101–KR115) that can merge into a pattern finding. */

/**
 * B311's verdict from what the `random` value is used for (taint/random-use.ts): a secret
 * is `reachable` (the weakness reaches a security use), a clear non-security use
 * (shuffling for display, a simulation, retry jitter) is `non-security-use`.
 */
function randomVerdict(call: A.Call, input: TriageInput): Verdict | null {
  const use = randomUse(call, input.semantic, input.analysis.module);
  if (use.kind === 'secret') return { kind: 'reachable', reason: `the value becomes '${use.name}', a secret: random is predictable (see KR124)` };
  if (use.kind === 'non-security') return { kind: 'non-security-use', reason: `random is used where predictability does not matter: ${use.why}` };
  return { kind: 'unknown', reason: 'what the random value is used for is not clear (use the secrets module for anything security-related)' };
}

/** The shape of an environment variable's name (POSIX: upper case, digits and underscores). */
const ENVIRONMENT_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Calls that read the environment variable their first argument names. */
const ENVIRONMENT_READS = new Set(['os.getenv', 'os.environ.get', 'os.environ.pop', 'os.getenvb', 'os.environb.get']);

/**
 * B105 on `PASSWORD_ENV = "REPORTING_DB_PASSWORD"`: the literal has the shape of an
 * environment variable's name, the module reads the name only as the key of an environment
 * read (`os.environ[PASSWORD_ENV]`, `os.getenv(PASSWORD_ENV)`) or reads that same variable
 * with the literal as its key (`os.environ.get("REPORTING_DB_PASSWORD", "")`): it names
 * where the password comes from, it is not one (`non-security-use`). Null when the name is
 * read in any other way in the module, or neither is read there.
 */
function environmentNameVerdict(n: A.Constant, sem: SemanticModel, module: A.Module): Verdict | null {
  const assign = n.parent;
  if (typeof n.value !== 'string' || !ENVIRONMENT_NAME.test(n.value) || assign?.type !== 'Assign' || assign.value !== n || assign.targets.length !== 1) return null;
  const target = assign.targets[0];
  if (target.type !== 'Name') return null;
  const binding = sem.lookup(target.id, target);
  if (!binding || binding.count !== 1) return null;
  const uses = environmentUses(module, sem);
  let firstRead: A.AnyNode | null = null;
  for (const x of uses.names.get(target.id) ?? []) {
    if (x === target || sem.lookup(x.id, x) !== binding) continue;
    const up = x.parent;
    if (!up || !uses.keys.has(x)) return null;
    if (!firstRead || x.lineno < firstRead.lineno) firstRead = up;
  }
  // (Not read by name here: the module reads the same variable with the literal as its key, `os.environ.get("DB_PASSWORD", "")`.)
  const read = firstRead ?? uses.literalKeys.get(n.value) ?? null;
  return read ? { kind: 'non-security-use', reason: `'${target.id}' is the name of the environment variable the value is read from (line ${read.lineno}), not a password` } : null;
}

/**
 * What a password-named constant holds when its name ends with a word that says it is
 * about the credential, not the credential, and the value has that word's shape: the HTTP
 * header or the form field it travels in (`TOKEN_HEADER = "X-Billing-Signature"`,
 * `PASSWORD_FIELD = "password"`), the URL it is fetched from (no credentials in it), the
 * scheme or prefix written before it (`TOKEN_PREFIX = "Bearer "`), the kind of token it is
 * (`token_type = "quoted-string"` in a parser).
 */
const DESCRIPTORS: readonly { words: RegExp; value: RegExp; what: string }[] = [
  // (Values shaped like names, words in one case each: a random string of letters is no header or field name.)
  { words: /_HEADER(?:_NAME)?$/i, value: /^(?:[A-Za-z][a-z]{0,30}|[A-Z]{1,5})(?:-(?:[A-Za-z][a-z]{0,30}|[A-Z]{1,5})){0,6}$/, what: 'the name of the HTTP header it travels in' },
  { words: /_(?:FIELD|PARAM|PARAMETER|KEY_NAME|FIELD_NAME|PARAM_NAME|COOKIE_NAME|ATTR|ATTRIBUTE)$/i, value: /^(?:[a-z_][a-z0-9_.-]{0,63}|[a-z]{1,20}(?:[A-Z][a-z0-9]{0,20}){1,4})$/, what: 'the name of the field it travels in' },
  { words: /_(?:URL|URI|ENDPOINT)$/i, value: /^(?:https?:\/\/[^\s@/]+)?\/[^\s@=]*$/i, what: 'the URL it is requested from' },
  { words: /_(?:PREFIX|SCHEME)$/i, value: /^[A-Za-z][a-z]{0,20} ?$/, what: 'the scheme written before it' },
  { words: /_(?:TYPE|KIND)$/i, value: /^(?:[a-z][a-z_ -]{0,31}|[A-Z][a-z]{0,20})$/, what: 'a kind of credential or token' },
];

/** B105 on a descriptor of the credential (see {@link DESCRIPTORS}): `non-security-use`; null otherwise. */
function descriptorVerdict(n: A.Constant): Verdict | null {
  const assign = n.parent;
  if (typeof n.value !== 'string' || assign?.type !== 'Assign' || assign.value !== n || assign.targets.length !== 1) return null;
  const t = assign.targets[0];
  const name = t.type === 'Name' ? t.id : t.type === 'Attribute' ? t.attr : '';
  const d = DESCRIPTORS.find((x) => x.words.test(name) && x.value.test(n.value as string));
  return d ? { kind: 'non-security-use', reason: `'${name}' holds ${d.what}, not a password` } : null;
}

/** Per module, walked once (a file may hold many B105 findings). */
const environmentUsesOf = new WeakMap<A.Module, EnvironmentUses>();

interface EnvironmentUses {
  /** Every `Name` node of the module by identifier. */
  names: Map<string, A.Name[]>;
  /** The keys of the module's environment reads (`K` in `os.environ[K]`, `os.getenv(K, default)`). */
  keys: Set<A.AnyNode>;
  /** The first environment read of each literal key. */
  literalKeys: Map<string, A.AnyNode>;
}

/** The environment reads of a module (`os.environ[K]`, `os.getenv(K)`…), with what {@link environmentNameVerdict} needs. */
function environmentUses(module: A.Module, sem: SemanticModel): EnvironmentUses {
  let got = environmentUsesOf.get(module);
  if (got) return got;
  got = { names: new Map(), keys: new Set(), literalKeys: new Map() };
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'Name') {
      const list = got.names.get(x.id);
      if (list) list.push(x);
      else got.names.set(x.id, [x]);
    }
    const key = x.type === 'Subscript' && ['os.environ', 'os.environb'].includes(sem.qualifiedName(x.value) ?? '') ? x.slice : x.type === 'Call' && ENVIRONMENT_READS.has(sem.callName(x) ?? '') ? x.args[0] : undefined;
    if (key) {
      got.keys.add(key);
      if (key.type === 'Constant' && typeof key.value === 'string' && !got.literalKeys.has(key.value)) got.literalKeys.set(key.value, x);
    }
    pushChildrenReversed(x, stack);
  }
  environmentUsesOf.set(module, got);
  return got;
}

/**
 * Pattern findings left `unknown` whose flagged value is built only from constants and the
 * parameters of their function (`def run(cmd): subprocess.run(cmd, shell=True)`), a method
 * (`.run(cmd)` on any receiver) or the fields its class's constructor sets from its own
 * parameters (`self.binary`): the project pass settles them when every call passes
 * constants or values safe for the sink (see taint/callers.ts).
 */
export function hingesOf(findings: readonly Finding[], nodes: ReadonlyMap<Finding, A.AnyNode>, sem: SemanticModel, analysis?: Pick<TaintAnalysis, 'assignedKinds'>): Hinge[] {
  const out: Hinge[] = [];
  for (const f of findings) {
    const rule = TRIAGE_RULES.get(f.ruleId);
    const n = nodes.get(f);
    if (!rule || !n || f.verdict?.kind !== 'unknown' || rule.mode === 'xml' || (n.type === 'Call' && (rule.parser?.(n, sem) || rule.fileArg?.(n, sem)))) continue;
    const picked = rule.pick(n, sem);
    // (Without a shell only the program matters: the first element of an argument list.)
    const e = picked && rule.mode === 'argv' ? (firstElement(picked) ?? picked) : picked;
    const fn = e && enclosingFunction(e);
    if (!e || !fn) continue;
    // (A value the analysis saw safe for this sink's kind, whatever the parameters, is no part of the hinge.)
    const kind = rule.bit || ALL_MASK;
    let parts = hingeParts(e, fn, sem, analysis && ((a) => (analysis.assignedKinds(a) & kind) === kind), rule.bit);
    // (`subprocess.run(cmd, shell=shell)`: a call that leaves `shell` false runs no shell.)
    if (parts && n.type === 'Call' && rule.bit === K.SHELL && enclosingFunction(n) === fn) parts = withShellGate(parts, n, fn, sem);
    if (parts?.length) out.push({ parts, rule: f.ruleId, line: f.location.startLine, column: f.location.startColumn });
  }
  return out;
}

/**
 * Give import findings (B404…) the verdict their uses in the file now have, after the
 * project pass changed some (an import whose every use is dismissed is dismissed too).
 */
export function refollowImports(findings: readonly Finding[]): void {
  const verdicts = new Map<Finding, Verdict>();
  for (const f of findings) if (f.verdict) verdicts.set(f, f.verdict);
  for (const f of findings) {
    const uses = IMPORT_USES.get(f.ruleId);
    if (!uses || (f.status ?? 'active') !== 'active' || f.verdict?.kind !== 'unknown') continue;
    const v = importVerdict(f, findings.filter((u) => uses.includes(u.ruleId)), verdicts);
    f.verdict = v;
    if (DISMISSING.has(v.kind)) f.status = 'dismissed';
  }
}

function calleeText(c: A.Call): string {
  const f = c.func;
  return f.type === 'Attribute' ? f.attr : f.type === 'Name' ? f.id : '';
}

/** The nodes whose values triage needs for these findings (the flagged arguments). */
export function observationTargets(findings: readonly Finding[], nodes: ReadonlyMap<Finding, A.AnyNode>, sem: SemanticModel): Set<A.AnyNode> {
  const out = new Set<A.AnyNode>();
  for (const f of findings) {
    const rule = TRIAGE_RULES.get(f.ruleId);
    const n = nodes.get(f);
    if (!rule || !n) continue;
    if (n.type === 'Call' && rule.parser?.(n, sem)) {
      for (const d of parserUses(n, sem).documents) out.add(d.expr);
      continue;
    }
    const e = rule.pick(n, sem);
    if (e) out.add(e);
  }
  return out;
}

export interface TriageInput {
  findings: Finding[];
  /** The node each code finding was reported at (the call, the literal…). */
  nodes: ReadonlyMap<Finding, A.AnyNode>;
  semantic: SemanticModel;
  lines: readonly string[];
  source: string;
  path: string;
  /** The data-flow analysis of the module, run with `observe` covering the targets. */
  analysis: TaintAnalysis;
  /** `# nosec` comments of the module: a pattern finding and its flow rule answer to either id. */
  isSuppressed?: (id: string, from: number, to: number) => boolean;
}

/**
 * Give every triageable finding its verdict, dismiss those judged safe (status
 * `dismissed`), and merge flow findings into the pattern findings on the same place.
 * Mutates the findings; returns the list without the merged flow findings.
 */
export function triageFindings(input: TriageInput): Finding[] {
  const { findings, nodes, analysis } = input;
  const verdicts = new Map<Finding, Verdict>();
  // Where the module turns external entities on (line, 0 for nowhere): walked only for XML findings.
  let xmlLine: number | undefined;
  const xmlUnsafe = (): number => (xmlLine ??= externalEntitiesOn(analysis.module, input.semantic));
  const parserTaints = new Map<Finding, Taint>();
  /** Findings a safe configuration settles whatever the data: a flow finding at the same place is a false alarm of the flow rule (which cannot see the configuration). */
  const settled = new Set<Finding>();
  for (const f of findings) {
    const n = nodes.get(f);
    if (f.ruleId === 'B311' && n?.type === 'Call') {
      const v = randomVerdict(n, input);
      if (v) verdicts.set(f, v);
      continue;
    }
    if (f.ruleId === 'B105' && n?.type === 'Constant') {
      const v = environmentNameVerdict(n, input.semantic, analysis.module) ?? descriptorVerdict(n);
      if (v) verdicts.set(f, v);
      continue;
    }
    const rule = TRIAGE_RULES.get(f.ruleId);
    if (!rule || !n) continue;
    const safe = rule.safeConfig?.(n, analysis, input.lines);
    if (safe) {
      verdicts.set(f, { kind: 'safe-configuration', reason: safe });
      settled.add(f);
      continue;
    }
    if (n.type === 'Call' && rule.parser?.(n, input.semantic)) {
      const { verdict, taint } = judgeParser(rule, n, input, xmlUnsafe);
      verdicts.set(f, verdict);
      if (taint) parserTaints.set(f, taint);
      continue;
    }
    const e = rule.pick(n, input.semantic);
    const v = e ? judge(rule, e, analysis, input, xmlUnsafe) : null;
    if (v) verdicts.set(f, v);
  }
  // Imports follow their uses.
  for (const f of findings) {
    const uses = IMPORT_USES.get(f.ruleId);
    if (!uses) continue;
    const useFindings = findings.filter((u) => uses.includes(u.ruleId));
    verdicts.set(f, importVerdict(f, useFindings, verdicts));
  }
  // Merge flow findings into the pattern finding on the same place.
  const merged = new Set<Finding>();
  for (const flow of findings) {
    if (!FLOW_RULE_IDS.has(flow.ruleId)) continue;
    const fn = nodes.get(flow);
    const target = fn && findings.find((p) => p !== flow && !merged.has(p) && TRIAGE_RULES.get(p.ruleId)?.flows.includes(flow.ruleId) && samePlace(p, nodes.get(p), fn));
    if (!target) continue;
    merged.add(flow);
    if (settled.has(target)) continue;
    mergeFlow(target, flow);
    verdicts.set(target, target.verdict!);
  }
  const out: Finding[] = [];
  for (const f of findings) {
    if (merged.has(f)) continue;
    // `# nosec KR102` on a B602 line silences it too (and `# nosec B602` a KR102 there).
    if (input.isSuppressed && partnersOf(f.ruleId).some((id) => input.isSuppressed!(id, f.location.startLine, f.location.endLine))) f.status = 'suppressed';
    const v = verdicts.get(f);
    if (v) {
      f.verdict = v;
      if (DISMISSING.has(v.kind) && (f.status ?? 'active') === 'active') f.status = 'dismissed';
      if (v.kind === 'reachable') f.confidence = 'high';
      if (v.kind === 'reachable' && !f.trace) {
        const t = parserTaints.get(f) ?? reachableTaint(f, input);
        if (t?.trace) f.trace = traceSteps(t.trace, input.path, { location: f.location, message: `${f.ruleId} (sink)`, kind: 'sink' });
      }
    }
    out.push(f);
  }
  return out;
}

/**
 * Merge a data-flow finding into the pattern finding at the same place: the pattern rule's
 * id stays, the flow rule goes in `relatedRuleIds`, the trace and the flow rule's CWEs are
 * added, confidence is high, severity the higher of the two, and the verdict `reachable`.
 */
export function mergeFlow(target: Finding, flow: Finding): void {
  target.relatedRuleIds = [...new Set([...(target.relatedRuleIds ?? []), flow.ruleId])];
  target.cwe = [...target.cwe, ...flow.cwe.filter((c) => !target.cwe.includes(c))];
  if (flow.trace) target.trace = flow.trace;
  if (severityRank(flow.severity) > severityRank(target.severity)) target.severity = flow.severity;
  target.confidence = 'high';
  if (flow.status === 'suppressed') target.status = 'suppressed';
  target.verdict = { kind: 'reachable', reason: `${sourceText(flow.trace)} reaches ${TRIAGE_RULES.get(target.ruleId)?.what ?? 'the sink'} (see the trace; data-flow rule ${flow.ruleId})` };
}

/** The rules a finding merges with: a pattern rule's flow rules, a flow rule's pattern rules. */
function partnersOf(id: string): string[] {
  const rule = TRIAGE_RULES.get(id);
  if (rule) return [...rule.flows];
  const out: string[] = [];
  for (const [p, r] of TRIAGE_RULES) if (r.flows.includes(id)) out.push(p);
  return out;
}

function samePlace(p: Finding, pn: A.AnyNode | undefined, fn: A.AnyNode): boolean {
  if (!pn) return false;
  const within = (a: A.AnyNode, b: A.AnyNode) =>
    (a.lineno > b.lineno || (a.lineno === b.lineno && a.col_offset >= b.col_offset)) &&
    (a.end_lineno < b.end_lineno || (a.end_lineno === b.end_lineno && a.end_col_offset <= b.end_col_offset));
  return within(pn, fn) || within(fn, pn) || (p.location.startLine === fn.lineno && p.location.startColumn === fn.col_offset);
}

/** The first element of a list or tuple display (or of the leftmost one of a concatenation). */
function firstElement(e: A.Expr): A.Expr | undefined {
  let x = e;
  while (x.type === 'BinOp') x = x.left;
  const first = x.type === 'List' || x.type === 'Tuple' ? x.elts[0] : undefined;
  return first && first.type !== 'Starred' ? first : undefined;
}

function judge(rule: TriageRule, e: A.Expr, analysis: TaintAnalysis, input: TriageInput, xmlUnsafe: () => number): Verdict {
  const obs = analysis.observed.get(e);
  if (!obs) {
    const dead = deadAt(analysis.dead, e);
    if (dead) return { kind: 'constant', reason: `never runs: ${dead.reason}` };
    return { kind: 'unknown', reason: 'the data-flow analysis did not reach this call' };
  }
  const t = obs.taint;
  const compiled = rule.bit === K.CODE && e.parent && e.parent.type === 'Call' && isCompile(e.parent, input.semantic) ? e.parent : null;
  const what = compiled ? `the source compiled into the executed code (compile() at line ${compiled.lineno})` : rule.what;
  if (rule.mode === 'argv') {
    if (t && t.origin && originMask(t) & rule.bit && t.head) return { kind: 'reachable', reason: `${origin(t)} reaches the program to run` };
    if (typeof obs.head === 'string') return { kind: 'constant', reason: `runs the fixed program '${clip(obs.head)}' without a shell` };
    if (obs.lit) return { kind: 'constant', reason: `runs a program named only by constants (\`${clip(exprText(input.lines, e))}\`) without a shell` };
    if (obs.value !== undefined) return { kind: 'constant', reason: `runs the fixed program '${clip(String(obs.value))}' without a shell` };
    if (obs.headLit && !(t?.head && live(t))) return { kind: 'constant', reason: `runs a program named only by constants (\`${clip(exprText(input.lines, firstElement(e) ?? e))}\`) without a shell` };
    return { kind: 'unknown', reason: 'the program to run is computed' };
  }
  if (t && t.origin && originMask(t) & rule.bit && rule.mode !== 'xml') return { kind: 'reachable', reason: `${origin(t)} reaches ${what}` };
  const call = e.parent && e.parent.type === 'Call' ? e.parent : e.parent?.type === 'keyword' && e.parent.parent?.type === 'Call' ? e.parent.parent : null;
  if (rule.fileArg && call && rule.fileArg(call, input.semantic)) {
    const fixed = fixedFile(e, input.semantic, (n) => exprText(input.lines, n));
    if (fixed) return { kind: 'constant', reason: `${what} comes from the file at the fixed path \`${clip(fixed)}\` (what the application or its operator put there, not request data; the module does not write it)` };
    return { kind: 'unknown', reason: `${what} comes from a file; its contents are not known` };
  }
  if (obs.value !== undefined) return { kind: 'constant', reason: `${what} is the constant ${JSON.stringify(clip(String(obs.value)))}` };
  if (obs.lit) return { kind: 'constant', reason: `${what} is built only from constants (\`${clip(exprText(input.lines, e))}\`)` };
  if (rule.mode === 'xml') {
    const on = entitiesOnReason(rule, xmlUnsafe);
    if (on && t && t.origin && live(t)) return { kind: 'reachable', reason: `${origin(t)} reaches ${what}, and ${on}` };
    if (on) return { kind: 'unknown', reason: `${what} is computed from values krait cannot follow, and ${on}` };
    return { kind: 'safe-configuration', reason: STDLIB_XML_SAFE };
  }
  if (t && t.origin && !(t.mask & rule.bit) && (t.cleared ?? 0) & rule.bit) return { kind: 'sanitised', reason: `${origin(t)} reaches ${what} only through ${t.by ?? 'a sanitiser'}` };
  // Parts krait cannot follow, each through a sanitiser for this sink (`"ls " + shlex.quote(d)`).
  if (!live(t) || !(t.mask & rule.bit)) {
    if (obs.clean.bits & rule.bit) return { kind: 'sanitised', reason: `every part of ${what} that is not a constant goes through ${obs.clean.by ?? 'a sanitiser for this sink'}` };
  }
  // Built only from constants and names whose value the analysis saw safe for this sink (`code = compile_formula(source)` with an allow-list inside).
  const fn = enclosingFunction(e);
  if (fn && rule.bit && hingeParts(e, fn, input.semantic, (a) => (analysis.assignedKinds(a) & rule.bit) === rule.bit, rule.bit)?.length === 0) {
    return { kind: 'sanitised', reason: `${what} is built only from constants and values checked or sanitised for this sink` };
  }
  return { kind: 'unknown', reason: `${what} is computed from values krait cannot follow` };
}

const STDLIB_XML_SAFE = "Python's standard XML parsers no longer resolve external entities (since 3.7.1) and expat limits entity expansion: no XXE unless a parser enables external entities";

/** Why external entities may be on for this finding's parser, or null when they stay off. */
function entitiesOnReason(rule: TriageRule, xmlUnsafe: () => number): string | null {
  if (rule.entitiesOn) return 'this parser resolves external entities or reaches the network (its options)';
  const line = xmlUnsafe();
  return line ? `this module turns on external entities (setFeature feature_external_ges/pes at line ${line})` : null;
}

/**
 * The verdict on a finding at the creation of an XML parser object (make_parser(),
 * create_parser(), lxml's XMLParser(...)): `constant` when every document the parser reads
 * in its function is a constant (or it reads none); `reachable` when untrusted data reaches
 * one and external entities are on; `safe-configuration` for a standard-library parser in
 * a module that leaves external entities off; otherwise `unknown` (an escaping parser, a
 * document krait cannot follow).
 */
function judgeParser(rule: TriageRule, call: A.Call, input: TriageInput, xmlUnsafe: () => number): { verdict: Verdict; taint?: Taint } {
  const dead = deadAt(input.analysis.dead, call);
  if (dead) return { verdict: { kind: 'constant', reason: `never runs: ${dead.reason}` } };
  const on = entitiesOnReason(rule, xmlUnsafe);
  const uses = parserUses(call, input.semantic);
  if (uses.escapes) return { verdict: on ? { kind: 'unknown', reason: `krait cannot see every document this parser reads (${uses.escapes}), and ${on}` } : { kind: 'safe-configuration', reason: STDLIB_XML_SAFE } };
  let unknownDoc: ParsedDocument | null = null;
  for (const d of uses.documents) {
    const obs = input.analysis.observed.get(d.expr);
    const t = obs?.taint;
    if (on && t && t.origin && live(t)) return { verdict: { kind: 'reachable', reason: `${origin(t)} reaches the document parsed at line ${d.expr.lineno}, and ${on}` }, taint: t };
    const constant = obs && !d.file && (obs.value !== undefined || obs.lit);
    if (!constant && !(!obs && deadAt(input.analysis.dead, d.expr))) unknownDoc ??= d;
  }
  if (!unknownDoc) {
    const lines = [...new Set(uses.documents.map((d) => d.expr.lineno))].join(', ');
    return { verdict: { kind: 'constant', reason: uses.documents.length ? `every document this parser reads is a constant (line${uses.documents.length > 1 ? 's' : ''} ${lines})` : 'the parser is never used to read a document' } };
  }
  if (!on) return { verdict: { kind: 'safe-configuration', reason: STDLIB_XML_SAFE } };
  const why = unknownDoc.file ? 'is read from a file whose contents krait does not know' : 'is computed from values krait cannot follow';
  return { verdict: { kind: 'unknown', reason: `the document parsed at line ${unknownDoc.expr.lineno} ${why}, and ${on}` } };
}

function deadAt(dead: readonly DeadCode[], e: A.AnyNode): DeadCode | undefined {
  return dead.find(
    (d) =>
      (e.lineno > d.startLine || (e.lineno === d.startLine && e.col_offset >= d.startColumn)) &&
      (e.end_lineno < d.endLine || (e.end_lineno === d.endLine && e.end_col_offset <= d.endColumn)),
  );
}

function importVerdict(imp: Finding, uses: Finding[], verdicts: ReadonlyMap<Finding, Verdict>): Verdict {
  const mod = /\bthe ([\w.]+) module\b/.exec(imp.message)?.[1] ?? /\bUsing ([\w.]+) to parse\b/.exec(imp.message)?.[1] ?? 'the module';
  if (!uses.length) return { kind: 'constant', reason: `${mod} is imported, but nothing in this file calls it in a way that can be attacked` };
  const kinds = uses.map((u) => verdicts.get(u)?.kind ?? 'unknown');
  const lines = uses.map((u) => u.location.startLine).join(', ');
  if (kinds.includes('reachable')) return { kind: 'reachable', reason: `untrusted data reaches a call into ${mod} (line ${lines})` };
  if (kinds.includes('unknown')) return { kind: 'unknown', reason: `a call into ${mod} receives values krait cannot follow (lines ${lines})` };
  const kind = kinds.includes('sanitised') ? 'sanitised' : kinds.includes('safe-configuration') ? 'safe-configuration' : 'constant';
  return { kind, reason: `every call into ${mod} in this file was judged safe (lines ${lines}: ${[...new Set(kinds)].join(', ')})` };
}

function reachableTaint(f: Finding, input: TriageInput): Taint | null {
  const rule = TRIAGE_RULES.get(f.ruleId);
  const n = input.nodes.get(f);
  const e = rule && n ? rule.pick(n, input.semantic) : null;
  return e ? (input.analysis.observed.get(e)?.taint ?? null) : null;
}


const ORIGIN_TEXT = { request: 'HTTP request data', cli: 'command-line or console input', env: 'an environment variable', traceback: 'exception details' } as const;

function origin(t: Taint): string {
  let s = t.trace;
  while (s && s.prev) s = s.prev;
  const where = s ? ` (${s.message.replace(/ \(source: .*\)$/, '')}, ${s.path ? `${s.path}:${s.node.lineno}` : `line ${s.node.lineno}`})` : '';
  return `${t.origin ? ORIGIN_TEXT[t.origin] : 'untrusted data'}${where}`;
}

function sourceText(trace: TraceStep[] | undefined): string {
  const s = trace?.[0];
  return s ? `${s.message.replace(/ \(source: (.*)\)$/, ' ($1)')} at line ${s.location.startLine}` : 'untrusted data';
}

/** The source text of an expression's first line. */
function exprText(lines: readonly string[], e: A.AnyNode): string {
  const line = lines[e.lineno - 1] ?? '';
  return (e.end_lineno === e.lineno ? line.slice(e.col_offset, e.end_col_offset) : `${line.slice(e.col_offset)} …`).trim();
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Observation type re-exported for tests. */
export type { Observation };
