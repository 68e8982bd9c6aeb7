/**
 * What a value of the `random` module is used for: a secret (a token, a password, a key…,
 * by the name that receives it — KR124's test) or, in clear cases, something whose
 * predictability does not matter (shuffling a list for display, a simulation, retry
 * jitter, sampling). B311 flags every `random` call; triage gives it a verdict from this
 * (taint/triage.ts): `reachable` for a secret, `non-security-use` for the clear cases,
 * `unknown` otherwise. Everything here reads names, so it errs towards `unknown`: a
 * function that mentions anything security-related is never judged non-security.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { enclosingFunction } from '../python/helpers.js';
import { pushChildrenReversed } from '../python/visit.js';

/** Names of secrets: tokens, passwords, keys, salts, nonces, one-time codes, session ids. */
export const SECRET_NAME = /token|passw|passwd|secret|nonce|salt|otp|api_?key|apikey|session_?id|sessid|csrf|xsrf|reset_?code|verif(?:y|ication)_?code|auth_?code|(?:^|_)key$|(?:^|_)pin$|(?:^|_)iv$|activation|invite_?code|one_?time/i;

/** Words that make a function security-related: then no use in it is judged non-security. */
const SECURITY_WORD = /token|passw|secret|nonce|salt|otp|key|session|sessid|csrf|xsrf|auth|login|crypt|sign(?!al)|cred|captcha|verif|permission|hash|hmac|cipher|(?:^|_)ids?$|uuid|guid|(?:^|_)code$|coupon|voucher|ticket|invite|reset|confirm|challenge|pin$|iv$|seed_?phrase|wallet|account|user/i;

/** Words that name uses where predictability does not matter. */
const NON_SECURITY_WORD = /shuffl|display|simulat|jitter|backoff|back_off|delay|sleep|retry|retries|interval|sampl|colou?r|(?:^|_)tips?(?:$|_)|greeting|(?:^|_)games?(?:$|_)|(?:^|_)dice(?:$|_)|(?:^|_)roll(?:$|_)|(?:^|_)demo(?:$|_)|noise|animat|shard|load_?balanc|mirror|(?:^|_)mock|(?:^|_)fake|dummy|monte_?carlo|(?:^|_)plot|layout|spread|wobble|flicker|quote_?of|fortune|motd|placeholder/i;

/** Calls whose argument is a duration (a random one is jitter). */
const SLEEPS = new Set(['time.sleep', 'asyncio.sleep', 'gevent.sleep', 'eventlet.sleep', 'trio.sleep']);

/** The keywords of `uuid.UUID` that give its value. */
const UUID_PARTS = new Set(['int', 'bytes', 'bytes_le', 'hex', 'fields']);

/** `uuid.UUID(…)` or `UUID(…)` (by its spelling: receivers are found without the semantic model). */
function isUuidCall(c: A.Call): boolean {
  const f = c.func;
  return (f.type === 'Name' && f.id === 'UUID') || (f.type === 'Attribute' && f.attr === 'UUID' && f.value.type === 'Name' && f.value.id === 'uuid');
}

/** The names that receive a call's value: an assignment target, a keyword, a dict key, or the enclosing function for a return. */
export function receivingNames(node: A.AnyNode): string[] {
  let n: A.AnyNode | null = node;
  for (let i = 0; n && i < 12; i++, n = n.parent) {
    const p: A.AnyNode | null = n.parent;
    if (!p) return [];
    switch (p.type) {
      case 'Assign':
        return p.targets.flatMap(targetNames);
      case 'AnnAssign':
      case 'AugAssign':
        return targetNames(p.target);
      case 'NamedExpr':
        return [p.target.id];
      case 'keyword':
        // uuid.UUID(int=…, bytes=…, hex=…) only wraps the value: what receives the UUID counts.
        if (p.arg && UUID_PARTS.has(p.arg) && p.parent?.type === 'Call' && isUuidCall(p.parent)) continue;
        // sort(key=...) and friends name a function argument, not a secret.
        return p.arg && p.arg !== 'key' ? [p.arg] : [];
      case 'Dict': {
        const i2 = p.values.indexOf(n as A.Expr);
        const k = i2 >= 0 ? p.keys[i2] : null;
        return k && k.type === 'Constant' && typeof k.value === 'string' ? [k.value] : [];
      }
      case 'Return': {
        let f: A.AnyNode | null = p.parent;
        while (f && f.type !== 'FunctionDef' && f.type !== 'AsyncFunctionDef') f = f.parent;
        return f && (f.type === 'FunctionDef' || f.type === 'AsyncFunctionDef') ? [f.name] : [];
      }
      default:
        if (p.type === 'Expr' || p.type === 'If' || p.type === 'For' || p.type === 'While' || p.type === 'FunctionDef') return [];
    }
  }
  return [];
}

function targetNames(t: A.Expr): string[] {
  const out: string[] = [];
  const todo: A.Expr[] = [t];
  while (todo.length && out.length < 100) {
    const x = todo.shift()!;
    if (x.type === 'Name') out.push(x.id);
    else if (x.type === 'Attribute') out.push(x.attr);
    else if (x.type === 'Subscript' && x.slice.type === 'Constant' && typeof x.slice.value === 'string') out.push(x.slice.value);
    else if (x.type === 'Tuple' || x.type === 'List') todo.push(...x.elts);
  }
  return out;
}

/** The secret name a `random` call's value goes to, or null (KR124's test). */
export function secretReceiver(call: A.Call): string | null {
  const names = receivingNames(call);
  const hit = names.find((n) => SECRET_NAME.test(n));
  if (hit) return hit;
  // Returned by a helper of the module (`def _hex(bits): return "%x" % random.getrandbits(bits)`):
  // what the helper's callers store its result in (`secret = self._hex(128)`).
  const fn = enclosingFunction(call);
  if (!fn || names.length !== 1 || names[0] !== fn.name) return null;
  let root: A.AnyNode = fn;
  while (root.parent) root = root.parent;
  const stack: A.AnyNode[] = [root];
  for (let seen = 0; stack.length && seen < 50_000; seen++) {
    const n = stack.pop()!;
    if (n.type === 'Call' && n !== call && ((n.func.type === 'Name' && n.func.id === fn.name) || (n.func.type === 'Attribute' && n.func.attr === fn.name))) {
      const got = receivingNames(n).find((x) => SECRET_NAME.test(x));
      if (got) return got;
    }
    pushChildrenReversed(n, stack);
  }
  return null;
}


/** How a `random` call is used: a secret, a clear non-security use (with the evidence), or unknown. */
export type RandomUse = { kind: 'secret'; name: string } | { kind: 'non-security'; why: string } | { kind: 'unknown' };

/**
 * The use of a `random` call (see the module comment). Non-security needs evidence: the
 * value being a sleep's duration (wherever it is), or — with no security-related word among
 * the function's names and string constants — the enclosing function's or the receiving
 * name's words, or a constant `random.seed(...)` in the module (a reproducible run).
 */
export function randomUse(call: A.Call, sem: SemanticModel, module: A.Module): RandomUse {
  const secret = secretReceiver(call);
  if (secret) return { kind: 'secret', name: secret };
  let fn: A.AnyNode | null = call.parent;
  while (fn && fn.type !== 'FunctionDef' && fn.type !== 'AsyncFunctionDef') fn = fn.parent;
  const scope = fn && (fn.type === 'FunctionDef' || fn.type === 'AsyncFunctionDef') ? fn : null;
  // A value a sleep consumes goes nowhere else, whatever the function is about (jitter in a login view).
  // (Through arithmetic: `time.sleep(0.05 + random.random() * 0.2)`.)
  let arg: A.AnyNode = call;
  for (let i = 0; i < 8 && arg.parent && (arg.parent.type === 'BinOp' || arg.parent.type === 'UnaryOp'); i++) arg = arg.parent;
  const outer = arg.parent;
  if (outer && outer.type === 'Call' && outer.args[0] === arg && SLEEPS.has(sem.callName(outer) ?? '')) return { kind: 'non-security', why: `it is a delay (${sem.callName(outer)}())` };
  if (scope && mentionsSecurity(scope)) return { kind: 'unknown' };
  if (!scope && receivingNames(call).some((n) => SECURITY_WORD.test(n))) return { kind: 'unknown' };
  // The population a value is chosen from names what it is (`random.choice(TIPS)`).
  const population = call.args.flatMap((a) => (a.type === 'Name' ? [a.id] : a.type === 'Attribute' ? [a.attr] : []));
  const receivers = receivingNames(call);
  const words = [...(scope ? [scope.name] : []), ...receivers, ...population];
  const hit = words.find((w) => NON_SECURITY_WORD.test(w));
  if (hit) return { kind: 'non-security', why: scope && hit === scope.name ? `it is used in ${hit}()` : receivers.includes(hit) ? `its value goes to '${hit}'` : `it is chosen from '${hit}'` };
  const phrases = phrasePopulation(call, sem);
  if (phrases) return { kind: 'non-security', why: `it picks one of ${phrases} fixed phrases of text` };
  const seed = constantSeed(module, sem);
  if (seed) return { kind: 'non-security', why: `the module seeds random with a constant (line ${seed}): a reproducible sequence, not a secret` };
  return { kind: 'unknown' };
}

/**
 * `random.choice(GREETINGS)` of a literal list of phrases (strings with a space) taken on
 * its own: one of a few known texts, not a secret. Several picks put together (in a
 * comprehension, a loop, a concatenation or an f-string) may make a passphrase: not then.
 * Returns how many phrases, or 0.
 */
function phrasePopulation(call: A.Call, sem: SemanticModel): number {
  if (call.func.type !== 'Attribute' || call.func.attr !== 'choice' || call.args.length !== 1 || call.keywords.length) return 0;
  let table: A.Expr | null = call.args[0];
  if (table.type === 'Name') {
    const b = sem.lookup(table.id, table);
    table = b && b.kind === 'assign' && b.count === 1 ? (b.value ?? null) : null;
  }
  if (!table || (table.type !== 'List' && table.type !== 'Tuple') || table.elts.length < 2) return 0;
  if (!table.elts.every((x) => x.type === 'Constant' && typeof x.value === 'string' && /\S\s+\S/.test(x.value))) return 0;
  for (let n: A.AnyNode | null = call.parent; n; n = n.parent) {
    if (n.type === 'ListComp' || n.type === 'SetComp' || n.type === 'GeneratorExp' || n.type === 'DictComp' || n.type === 'BinOp' || n.type === 'JoinedStr' || n.type === 'For' || n.type === 'While' || n.type === 'AsyncFor') return 0;
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda') break;
  }
  return table.elts.length;
}

/** Whether a function's names, parameters, attributes or string constants mention anything security-related. */
function mentionsSecurity(fn: A.FunctionDef): boolean {
  if (SECURITY_WORD.test(fn.name)) return true;
  const stack: A.AnyNode[] = [fn];
  let seen = 0;
  while (stack.length && seen++ < 5000) {
    const n = stack.pop()!;
    const word = n.type === 'Name' ? n.id : n.type === 'Attribute' ? n.attr : n.type === 'arg' ? n.arg : n.type === 'Constant' && typeof n.value === 'string' && n.value.length <= 40 ? n.value : n.type === 'keyword' ? n.arg : null;
    if (word && SECURITY_WORD.test(word)) return true;
    pushChildrenReversed(n, stack);
  }
  return stack.length > 0;
}

/** The line of a `random.seed(CONSTANT)` call in the module, or 0. */
function constantSeed(module: A.Module, sem: SemanticModel): number {
  const stack: A.AnyNode[] = [module];
  let seen = 0;
  while (stack.length && seen++ < 20000) {
    const n = stack.pop()!;
    if (n.type === 'Call' && sem.callName(n) === 'random.seed' && n.args.length === 1 && sem.constValue(n.args[0]) !== undefined) return n.lineno;
    pushChildrenReversed(n, stack);
  }
  return 0;
}
