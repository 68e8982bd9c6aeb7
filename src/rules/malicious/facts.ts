/**
 * Shared facts for the malicious-package indicators (KR601–KR609), computed once per
 * module and cached: when each piece of code runs (install time, import time or only
 * when called), which names hold decoded, downloaded or sensitive data (a flow-insensitive
 * taint by name over the whole file, enough for the straight-line code of droppers and
 * stealers), and which endpoints the file names (webhooks, paste sites, tunnels, raw IPs).
 *
 * When code runs:
 * - `install`: everything in `setup.py` (its top level, the `cmdclass` overrides it
 *   registers and any helper they call) and the PEP 517 build hooks of an in-tree backend
 *   (`build_wheel`, `build_sdist`, `get_requires_for_build_*`, `prepare_metadata_*`…);
 * - `import`: the top level of a module (class bodies included) and the functions that
 *   top level calls by name, directly or through `threading.Thread(target=…)`,
 *   `atexit.register(…)` and the like, transitively; a package's `__init__.py` counts
 *   most (it runs on `import pkg`);
 * - `runtime`: code that runs only when someone calls it.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { walk } from '../../python/visit.js';
import { matchCall, matchImport, parseEndpoint } from '../../egress/index.js';
import { SourceFinder } from '../../taint/sources.js';

export type RunPhase = 'install' | 'import' | 'runtime';

/** PEP 517 / PEP 660 hook names: a module defining them at top level is a build backend. */
const BUILD_HOOKS = new Set([
  'build_wheel', 'build_sdist', 'build_editable', 'get_requires_for_build_wheel', 'get_requires_for_build_sdist',
  'get_requires_for_build_editable', 'prepare_metadata_for_build_wheel', 'prepare_metadata_for_build_editable',
]);

/** Calls that run a function given as an argument (`target=`/first argument). */
const RUNS_ARGUMENT = new Set([
  'threading.Thread', 'threading.Timer', 'multiprocessing.Process', 'atexit.register', 'signal.signal',
  'concurrent.futures.ThreadPoolExecutor.submit', '_thread.start_new_thread', 'thread.start_new_thread',
]);

/** Decoding and decompression calls: their result is hidden data made readable. */
const DECODERS = new Set([
  'base64.b64decode', 'base64.b32decode', 'base64.b16decode', 'base64.b85decode', 'base64.a85decode', 'base64.standard_b64decode',
  'base64.urlsafe_b64decode', 'base64.decodebytes', 'base64.decodestring', 'base64.b32hexdecode',
  'zlib.decompress', 'gzip.decompress', 'bz2.decompress', 'lzma.decompress', 'marshal.loads', 'codecs.decode',
  'binascii.unhexlify', 'binascii.a2b_base64', 'binascii.a2b_hex', 'binascii.a2b_uu', 'bytes.fromhex', 'bytearray.fromhex',
  'zlib.decompressobj', 'pickle.loads', 'cryptography.fernet.Fernet',
]);
/** Method names that decode whatever they are called on (`payload.decode('rot13')`, `Fernet(k).decrypt(x)`). */
const DECODER_METHODS = new Set(['decrypt', 'fromhex', 'b64decode', 'decompress']);

/** Calls that fetch bytes from the network. */
const FETCHERS = /^(?:urllib\.request\.(?:urlopen|urlretrieve|Request)|urllib\.(?:urlopen|urlretrieve)|urllib2\.urlopen|requests\.(?:get|post|request|Session)|httpx\.(?:get|post|request|Client|stream)|urllib3\.(?:PoolManager|request)|http\.client\.HTTPS?Connection|aiohttp\.ClientSession|pycurl\.Curl|wget\.download)$/;

/** Host patterns of places where stolen data is collected or code is staged. */
const DROP_HOSTS: [RegExp, string][] = [
  [/(?:^|\.)discord(?:app)?\.com$/, 'Discord webhook'],
  [/^hooks\.slack\.com$/, 'Slack webhook'],
  [/(?:^|\.)webhook\.site$/, 'webhook.site'],
  [/(?:^|\.)(?:pipedream\.net|m\.pipedream\.net|requestbin\.(?:com|net)|beeceptor\.com|requestcatcher\.com|hookbin\.com|webhook\.cool)$/, 'request-capture service'],
  [/(?:^|\.)(?:ngrok(?:-free)?\.(?:io|app|dev)|trycloudflare\.com|serveo\.net|loca\.lt|localtunnel\.me|bore\.pub|localhost\.run|pagekite\.me|ply\.gg|playit\.gg)$/, 'tunnel'],
  [/(?:^|\.)(?:pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.(?:com|co)|dpaste\.(?:com|org)|rentry\.co|paste\.rs|controlc\.com|termbin\.com)$/, 'paste site'],
  [/(?:^|\.)(?:transfer\.sh|file\.io|anonfiles\.com|gofile\.io|bashupload\.com|0x0\.st|temp\.sh)$/, 'anonymous file drop'],
  [/^api\.telegram\.org$/, 'Telegram bot API'],
  [/(?:^|\.)(?:burpcollaborator\.net|oastify\.com|interact\.sh|oast\.(?:fun|live|me|online|pro|site)|canarytokens\.com|dnslog\.cn|ceye\.io)$/, 'out-of-band collector'],
  [/\.onion$/, 'Tor hidden service'],
];
/** Services that tell a caller its public IP address (host identity). */
const IP_LOOKUP_HOSTS = /(?:^|\.)(?:ipify\.org|ifconfig\.(?:me|co)|ipinfo\.io|icanhazip\.com|checkip\.amazonaws\.com|ip-api\.com|myexternalip\.com|ident\.me|wtfismyip\.com|httpbin\.org)$/;

/** Paths of credential stores: cloud and SSH keys, tokens, browser profiles, wallets. */
const CREDENTIAL_PATH = /(?:^|[\\/~])\.(?:aws|ssh|gnupg|kube|docker|azure|netrc|pypirc|npmrc|git-credentials|pgpass|boto|s3cfg|config[\\/]gcloud)\b|id_(?:rsa|dsa|ecdsa|ed25519)\b|\/etc\/(?:shadow|passwd|sudoers)\b|Login Data|Cookies\b|Local State|Web Data|Local Storage[\\/]leveldb|Mozilla[\\/]Firefox|key[34]\.db|logins\.json|Google[\\/]Chrome|BraveSoftware|Microsoft[\\/]Edge|Opera Software|wallet\.dat|Exodus|Electrum|Atomic[\\/]Local|MetaMask|nkbihfbeogaeaoehlefnkodbefgpgknn|Ethereum[\\/]keystore|Telegram Desktop[\\/]tdata|discord[\\/]Local Storage|Keychains|\.bash_history|\.zsh_history/i;

/** Calls that reveal who and where the host is. */
const IDENTITY_CALLS = new Set([
  'socket.gethostname', 'socket.getfqdn', 'getpass.getuser', 'os.getlogin', 'platform.node', 'platform.uname', 'os.uname',
  'uuid.getnode', 'socket.gethostbyname', 'os.getuid', 'pwd.getpwuid',
]);

/** Method names that push data over a connection or request. */
const SEND_METHODS = new Set(['send', 'sendall', 'sendto', 'sendmail', 'send_message', 'storbinary', 'storlines', 'post', 'put', 'patch', 'request', 'urlopen', 'execute_webhook', 'send_document', 'send_file', 'upload_file', 'write_message']);

/** Methods that put their argument into the object they are called on. */
const MUTATORS = new Set(['append', 'extend', 'update', 'add', 'insert', 'setdefault', 'appendleft']);

/** Does `n` name a tainted variable, or call a function whose return value is tainted ('()name')? */
function tainted(n: A.AnyNode, set: { has(k: string): boolean }): boolean {
  if (n.type === 'Name') return set.has(n.id);
  if (n.type === 'Attribute') {
    const k = dottedName(n);
    return k !== undefined && set.has(k);
  }
  if (n.type === 'Call' && n.func.type === 'Name') return set.has(`()${n.func.id}`);
  return false;
}

export interface ModuleFacts {
  phaseOf(node: A.AnyNode): RunPhase;
  /** Names (file-wide) holding decoded/decompressed data. */
  decoded: Set<string>;
  /** Names holding bytes fetched from the network. */
  fetched: Set<string>;
  /** Names holding the whole environment, credential-file contents or host identity, with the kind. */
  sensitive: Map<string, SensitiveKind>;
  /** Endpoints of collectors (webhook, paste, tunnel, raw IP) named in the file, with what they are. */
  dropEndpoints: { value: string; what: string; line: number }[];
  /** The file imports a network module (so `x.send(…)` on an unknown object is likely a socket or client). */
  hasNetwork: boolean;
  isSetupPy: boolean;
  isPackageInit: boolean;
}

export type SensitiveKind = 'environment' | 'credential-file' | 'identity';

const cache = new WeakMap<A.Module, ModuleFacts>();

/** The facts of the module `node` belongs to (computed on first use). */
export function moduleFacts(module: A.Module, semantic: SemanticModel, path: string): ModuleFacts {
  let f = cache.get(module);
  if (!f) {
    f = computeFacts(module, semantic, path);
    cache.set(module, f);
  }
  return f;
}

/** Strip an archive prefix (`dist/x.whl!/pkg/mod.py` → `pkg/mod.py`) and return the base name. */
export function baseName(p: string): string {
  const inner = p.includes('!/') ? p.slice(p.lastIndexOf('!/') + 2) : p;
  return inner.slice(inner.lastIndexOf('/') + 1);
}

function computeFacts(module: A.Module, semantic: SemanticModel, path: string): ModuleFacts {
  const base = baseName(path);
  const isSetupPy = base === 'setup.py';
  const isPackageInit = base === '__init__.py';

  // One walk collects what the rest reads: functions by name, endpoints, network imports, assignments.
  const functions = new Map<string, (A.FunctionDef)[]>();
  const dropEndpoints: ModuleFacts['dropEndpoints'] = [];
  let hasNetwork = false;
  const assigns: { targets: string[]; value: A.Expr }[] = [];
  walk(module, (n) => {
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') {
      const list = functions.get(n.name) ?? [];
      list.push(n);
      functions.set(n.name, list);
    }
    if (n.type === 'Constant' && n.kind === 'str' && typeof n.value === 'string') {
      const what = dropKind(n.value);
      const ep = what && parseEndpoint(n.value.replace(/^[.@/]+/, ''));
      // Only the host is kept: webhook URLs carry their token in the path.
      if (what && ep) dropEndpoints.push({ value: ep.host, what, line: n.lineno });
    } else if (n.type === 'Import' || n.type === 'ImportFrom') {
      for (const a of n.names) {
        const q = n.type === 'Import' ? a.name : `${semantic.resolveRelative(n.module, n.level)}.${a.name}`;
        const m = matchImport(q);
        if (m && !m.quiet) hasNetwork = true;
      }
    }
    collectAssign(n, assigns);
  });

  // ---- when each function runs ----
  const installFns = new Set<A.AnyNode>();
  const importFns = new Set<A.AnyNode>();
  const isBackend = module.body.some((s) => (s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && BUILD_HOOKS.has(s.name));
  if (isBackend) {
    for (const s of module.body) if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && BUILD_HOOKS.has(s.name)) installFns.add(s);
  }
  // Functions called (by name or as self.method / a passed callback) from load-time code, transitively.
  const markCalled = (roots: A.AnyNode[], into: Set<A.AnyNode>, skipDefs: boolean) => {
    const work = [...roots];
    while (work.length) {
      const root = work.pop()!;
      walk(root, (n) => {
        if (n !== root && skipDefs && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda')) return false;
        let names: string[] = [];
        if (n.type === 'Call') {
          if (n.func.type === 'Name') names.push(n.func.id);
          else if (n.func.type === 'Attribute') names.push(n.func.attr);
          const q = semantic.qualifiedName(n.func) ?? '';
          if (RUNS_ARGUMENT.has(q) || /(?:^|\.)(?:Thread|Process|Timer|register|submit|run_in_executor|call_soon|create_task)$/.test(q)) {
            for (const a of [...n.args, ...n.keywords.map((k) => k.value)]) {
              if (a.type === 'Name') names.push(a.id);
              else if (a.type === 'Attribute') names.push(a.attr);
            }
          }
        } else if (n.type === 'ClassDef') {
          // A class defined at load time: its methods run when it is used (cmdclass, atexit objects…); only
          // counted for setup.py, where any class is there for the install.
          names = [];
        }
        for (const name of names) {
          for (const fn of functions.get(name) ?? []) {
            if (!into.has(fn)) {
              into.add(fn);
              work.push(fn);
            }
          }
        }
        return true;
      });
    }
  };
  markCalled([module], importFns, true);
  if (installFns.size) markCalled([...installFns], installFns, false);

  const phaseOf = (node: A.AnyNode): RunPhase => {
    if (isSetupPy) return 'install';
    let fnPhase: RunPhase | undefined;
    for (let n: A.AnyNode | null = node; n; n = n.parent) {
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda') {
        if (installFns.has(n)) return 'install';
        if (!fnPhase) fnPhase = importFns.has(n) ? 'import' : 'runtime';
        if (fnPhase === 'runtime') {
          // A nested function of an install hook still runs at install time when called; stay conservative.
          continue;
        }
      }
    }
    return fnPhase ?? 'import';
  };

  // What names hold (decoded, fetched, sensitive data) is a fixed point over every
  // assignment of the file: computed when a rule first asks (most files with a process or
  // send call need only the phase).
  let values: Pick<ModuleFacts, 'decoded' | 'fetched' | 'sensitive'> | undefined;
  const valuesOf = () => (values ??= nameValues(assigns, semantic));
  const facts: ModuleFacts = {
    phaseOf,
    get decoded() {
      return valuesOf().decoded;
    },
    get fetched() {
      return valuesOf().fetched;
    },
    get sensitive() {
      return valuesOf().sensitive;
    },
    dropEndpoints,
    hasNetwork,
    isSetupPy,
    isPackageInit,
  };
  return facts;
}

/** Names that hold decoded, fetched or sensitive data: a fixed point, since a name is one when assigned from an expression that is. */
function nameValues(assigns: readonly { targets: string[]; value: A.Expr }[], semantic: SemanticModel): Pick<ModuleFacts, 'decoded' | 'fetched' | 'sensitive'> {
  const out = { decoded: new Set<string>(), fetched: new Set<string>(), sensitive: new Map<string, SensitiveKind>() };
  const { decoded, fetched, sensitive } = out;
  for (let round = 0; round < 6; round++) {
    let changed = false;
    for (const a of assigns) {
      const { d, f, s } = valueKinds(a.value, semantic, out);
      for (const t of a.targets) {
        if (d && !decoded.has(t)) {
          decoded.add(t);
          changed = true;
        }
        if (f && !fetched.has(t)) {
          fetched.add(t);
          changed = true;
        }
        if (s && !sensitive.has(t)) {
          sensitive.set(t, s);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return out;
}

/** The assignment-like binding a node makes (`x = v`, `for x in v`, `with v as x`, `d.update(v)`, `return v`), if any, into `out`. */
function collectAssign(n: A.AnyNode, out: { targets: string[]; value: A.Expr }[]): void {
  if (n.type === 'Assign') out.push({ targets: n.targets.flatMap(targetNames), value: n.value });
  else if (n.type === 'AugAssign' || (n.type === 'AnnAssign' && n.value)) out.push({ targets: targetNames(n.target), value: n.value! });
  else if (n.type === 'NamedExpr') out.push({ targets: [n.target.id], value: n.value });
  else if (n.type === 'For' || n.type === 'AsyncFor') out.push({ targets: targetNames(n.target), value: n.iter });
  else if (n.type === 'With' || n.type === 'AsyncWith') {
    for (const it of n.items) if (it.optional_vars) out.push({ targets: targetNames(it.optional_vars), value: it.context_expr });
  } else if (n.type === 'comprehension') out.push({ targets: targetNames(n.target), value: n.iter });
  else if (n.type === 'Call' && n.func.type === 'Attribute' && MUTATORS.has(n.func.attr)) {
    // keys.append(f.read()), d.update(os.environ): the container now holds the data.
    for (const a of n.args) out.push({ targets: targetNames(n.func.value), value: a });
  } else if (n.type === 'Return' && n.value) {
    // A function returning sensitive data makes its calls sensitive: key '()name'.
    for (let p = n.parent; p; p = p.parent) {
      if (p.type === 'FunctionDef' || p.type === 'AsyncFunctionDef') {
        out.push({ targets: [`()${p.name}`], value: n.value });
        break;
      }
    }
  }
}

function targetNames(t: A.Expr): string[] {
  if (t.type === 'Name') return [t.id];
  if (t.type === 'Tuple' || t.type === 'List') return t.elts.flatMap(targetNames);
  if (t.type === 'Starred') return targetNames(t.value);
  // `d["k"] = v`: taint the base name (a dict filled with stolen data is stolen data).
  if (t.type === 'Subscript') return targetNames(t.value);
  // `obj.x = v`: the field, and the object; but not `self`/`cls`, whose other fields (a
  // host, a port) do not hold what one field was given.
  if (t.type === 'Attribute') {
    const k = dottedName(t);
    const base = targetNames(t.value);
    if (!k) return base;
    return t.value.type === 'Name' && (t.value.id === 'self' || t.value.id === 'cls') ? [k] : [k, ...base];
  }
  return [];
}

/** `a.b.c` for an attribute chain on a name, else undefined. */
function dottedName(e: A.Expr): string | undefined {
  const parts: string[] = [];
  let cur: A.Expr = e;
  for (let i = 0; i < 20 && cur.type === 'Attribute'; i++) {
    parts.unshift(cur.attr);
    cur = cur.value;
  }
  return cur.type === 'Name' ? [cur.id, ...parts].join('.') : undefined;
}

/** What kind of collector an endpoint string names, or undefined. */
export function dropKind(s: string): string | undefined {
  // f-string parts such as ".x.oastify.com" (after a `{}`) are host suffixes.
  const ep = parseEndpoint(s.replace(/^[.@/]+/, ''));
  if (!ep || !ep.host) return undefined;
  for (const [re, what] of DROP_HOSTS) {
    if (re.test(ep.host)) {
      if (what === 'Discord webhook' && !/\/api\/webhooks\//.test(s)) continue;
      return what;
    }
  }
  if (ep.kind !== 'host' && ep.scope === 'public' && /^\[?[0-9a-f.:]+\]?$/i.test(ep.host) && !/^(?:1\.1\.1\.1|8\.8\.8\.8|8\.8\.4\.4|9\.9\.9\.9)$/.test(ep.host)) return 'raw IP address';
  return undefined;
}

/** Visit every sub-expression of `e` (not entering lambdas' bodies' definitions). */
export function anySub(e: A.AnyNode, pred: (n: A.AnyNode) => boolean): boolean {
  let hit = false;
  walk(e, (n) => {
    if (hit) return false;
    if (pred(n)) {
      hit = true;
      return false;
    }
    return true;
  });
  return hit;
}

/** Is this call a decoder (base64, zlib, marshal, codecs, hex, Fernet, `''.join(chr…)`, `.decode('rot13')`)? */
export function isDecoderCall(n: A.Call, semantic: SemanticModel): boolean {
  const q = semantic.qualifiedName(n.func) ?? '';
  if (DECODERS.has(q)) return true;
  if (/^(?:base64|zlib|bz2|lzma|gzip|marshal|binascii)\.\w*(?:decode|decompress|loads|unhexlify)\w*$/.test(q)) return true;
  if (n.func.type === 'Attribute') {
    const attr = n.func.attr;
    if (DECODER_METHODS.has(attr)) return true;
    // 'payload'.decode('rot13') / codecs-style text transforms
    if ((attr === 'decode' || attr === 'encode') && n.args[0] && n.args[0].type === 'Constant' && typeof n.args[0].value === 'string' && /rot.?13|hex|base64|zlib|bz2|uu/i.test(n.args[0].value)) return true;
    // ''.join(chr(c) for c in …) / ''.join(map(chr, …))
    if (attr === 'join' && n.args[0] && anySub(n.args[0], (x) => x.type === 'Name' && (x.id === 'chr' || x.id === 'ord'))) return true;
  }
  // bytes([...]) / bytearray([...]) of a long integer list
  if ((q === 'bytes' || q === 'bytearray') && n.args[0]?.type === 'List' && n.args[0].elts.length >= 16) return true;
  // chr(…) + chr(…) chains are caught by the BinOp check in isDecoded
  return false;
}

const finders = new WeakMap<SemanticModel, SourceFinder>();

/**
 * Whether a decoder's input is HTTP request data (`b64decode(request.form["d"])`, directly or
 * through a name bound once to it): the payload then comes from the client, not hidden in
 * the code — a flow the injection rules report, not an obfuscation indicator.
 */
function decodesRequestData(n: A.Call, semantic: SemanticModel): boolean {
  let finder = finders.get(semantic);
  if (!finder) finders.set(semantic, (finder = new SourceFinder(semantic)));
  const f = finder;
  const reads = (e: A.Expr, depth: number): boolean =>
    anySub(e, (x) => {
      if (x.type === 'Attribute' && f.attribute(x)?.origin === 'request') return true;
      if (x.type === 'Call' && f.call(x, semantic.callName(x))?.origin === 'request') return true;
      if (x.type === 'Name' && depth < 3) {
        const b = semantic.lookup(x.id, x);
        return b?.kind === 'assign' && b.count === 1 && !!b.value && b.value !== e && reads(b.value, depth + 1);
      }
      return false;
    });
  const input = n.func.type === 'Attribute' && !n.args.length ? n.func.value : n.args[0];
  return !!input && reads(input, 0);
}

/** Does the expression hold decoded data (directly or through a decoded name)? */
export function isDecoded(e: A.Expr, semantic: SemanticModel, facts: Pick<ModuleFacts, 'decoded'>): boolean {
  return anySub(e, (n) => decodedNode(n, semantic, facts));
}

/** One node of an expression that makes it hold decoded data (see {@link isDecoded}). */
function decodedNode(n: A.AnyNode, semantic: SemanticModel, facts: Pick<ModuleFacts, 'decoded'>): boolean {
  if (n.type === 'Call' && isDecoderCall(n, semantic) && !decodesRequestData(n, semantic)) return true;
  if (tainted(n, facts.decoded)) return true;
  // 'gnirts'[::-1]: a reversed literal
  if (n.type === 'Subscript' && n.slice.type === 'Slice' && n.slice.step && n.slice.step.type === 'UnaryOp' && n.slice.step.op === 'USub' && n.value.type === 'Constant') return true;
  // chr(101) + chr(120) + …
  if (n.type === 'BinOp' && n.op === 'Add' && chrCount(n) >= 4) return true;
  return false;
}

/**
 * {@link isDecoded}, fetched data and {@link sensitiveKind} of one expression in a single
 * walk (the facts' fixed point asks all three of every assignment).
 */
function valueKinds(e: A.Expr, semantic: SemanticModel, facts: Pick<ModuleFacts, 'decoded' | 'fetched' | 'sensitive'>): { d: boolean; f: boolean; s: SensitiveKind | undefined } {
  let d = false;
  let f = false;
  const sens = new SensitiveNotes();
  walk(e, (n) => {
    if (!d) d = decodedNode(n, semantic, facts);
    if (!f) f = fetchedNode(n, semantic, facts);
    sens.visit(n, semantic, facts);
    return true;
  });
  return { d, f, s: sens.kind };
}

function chrCount(e: A.Expr): number {
  if (e.type === 'BinOp' && e.op === 'Add') return chrCount(e.left) + chrCount(e.right);
  if (e.type === 'Call' && e.func.type === 'Name' && e.func.id === 'chr') return 1;
  return 0;
}

/** Is this call a network fetch? */
export function isFetchCall(n: A.Call, semantic: SemanticModel): boolean {
  const q = semantic.qualifiedName(n.func) ?? '';
  return FETCHERS.test(q);
}

function fetchedNode(n: A.AnyNode, semantic: SemanticModel, facts: Pick<ModuleFacts, 'fetched'>): boolean {
  return (n.type === 'Call' && isFetchCall(n, semantic)) || tainted(n, facts.fetched);
}

/**
 * The kind of sensitive data an expression holds: the whole environment (`os.environ` as
 * a value, `.copy()`, `.items()`, `dict(os.environ)` — not `os.environ["X"]`/`.get("X")`),
 * a credential path or its contents, host identity, or a name holding one of those.
 */
export function sensitiveKind(e: A.Expr, semantic: SemanticModel, facts: Pick<ModuleFacts, 'sensitive'>): SensitiveKind | undefined {
  const sens = new SensitiveNotes();
  walk(e, (n) => {
    sens.visit(n, semantic, facts);
    return true;
  });
  return sens.kind;
}

const SENSITIVE_RANK = { environment: 3, 'credential-file': 2, identity: 1 } as const;

/** The most sensitive kind noted over the nodes of an expression (see {@link sensitiveKind}). */
class SensitiveNotes {
  kind: SensitiveKind | undefined;

  private note(k: SensitiveKind): void {
    if (!this.kind || SENSITIVE_RANK[k] > SENSITIVE_RANK[this.kind]) this.kind = k;
  }

  visit(n: A.AnyNode, semantic: SemanticModel, facts: Pick<ModuleFacts, 'sensitive'>): void {
    const key = n.type === 'Name' ? n.id : n.type === 'Attribute' ? dottedName(n) : n.type === 'Call' && n.func.type === 'Name' ? `()${n.func.id}` : undefined;
    const held = key === undefined ? undefined : facts.sensitive.get(key);
    if (held) this.note(held);
    if (n.type === 'Name') {
      // a name: only what it holds (above), or the whole environment (below)
      if (isWholeEnviron(n, semantic)) this.note('environment');
    } else if (n.type === 'Constant' && n.kind === 'str' && typeof n.value === 'string' && n.value.length < 300 && CREDENTIAL_PATH.test(n.value)) this.note('credential-file');
    else if (n.type === 'Call') {
      const q = semantic.qualifiedName(n.func) ?? '';
      if (IDENTITY_CALLS.has(q)) this.note('identity');
      if (q === 'os.getenv' && n.args.length === 0) this.note('environment');
      if (isFetchCall(n, semantic) && n.args[0] && n.args[0].type === 'Constant' && typeof n.args[0].value === 'string') {
        const ep = parseEndpoint(n.args[0].value);
        if (ep && IP_LOOKUP_HOSTS.test(ep.host)) this.note('identity');
      }
    } else if (n.type === 'Attribute' && isWholeEnviron(n, semantic)) this.note('environment');
  }
}

/** `os.environ` used as a whole (not indexed, not `.get(...)`, not an `in` test, not `env=` of a process call). */
function isWholeEnviron(n: A.Attribute | A.Name, semantic: SemanticModel): boolean {
  const q = semantic.qualifiedName(n);
  if (q !== 'os.environ' && q !== 'os.environb') return false;
  const p = n.parent;
  if (!p) return true;
  if (p.type === 'Subscript' && p.value === n) return false;
  if (p.type === 'Attribute' && p.value === n) return ['copy', 'items', 'values', '__str__', '__repr__', 'keys'].includes(p.attr);
  if (p.type === 'Compare') return false;
  if (p.type === 'keyword' && p.arg === 'env') return false;
  // {**os.environ, "X": "1"} passed as env= is a child's environment, not a message.
  if (p.type === 'Dict') {
    const kw = p.parent;
    if (kw && kw.type === 'keyword' && kw.arg === 'env') return false;
  }
  if (p.type === 'Call' && p.func.type === 'Name' && p.func.id === 'dict') {
    const kw = p.parent;
    if (kw && kw.type === 'keyword' && kw.arg === 'env') return false;
  }
  return true;
}

/**
 * Is this call a way to send data out: an HTTP/socket/mail/FTP/DNS/SaaS call (the egress
 * table), or a send-like method (`s.sendall`, `session.post`) in a file that imports a
 * network module?
 */
/**
 * Whether the module imports a network module (the `hasNetwork` fact, from the semantic
 * model's imports: cheap, so a rule can test a call before the module's facts are computed).
 */
export function importsNetwork(semantic: SemanticModel): boolean {
  let v = networkCache.get(semantic);
  if (v === undefined) {
    v = semantic.imports.some((i) => {
      const m = matchImport(i.name ? `${i.module}.${i.name}` : i.module);
      return !!m && !m.quiet;
    });
    networkCache.set(semantic, v);
  }
  return v;
}
const networkCache = new WeakMap<SemanticModel, boolean>();

export function isSendCall(n: A.Call, semantic: SemanticModel, facts: Pick<ModuleFacts, 'hasNetwork'>): boolean {
  const q = semantic.qualifiedName(n.func);
  if (q) {
    const m = matchCall(q);
    if (m && !m.quiet && m.channel !== 'server' && m.channel !== 'database') return true;
    if (q === 'socket.gethostbyname' || q === 'socket.getaddrinfo') return true; // DNS exfiltration
  }
  if (n.func.type === 'Attribute' && SEND_METHODS.has(n.func.attr) && facts.hasNetwork) return true;
  return false;
}

/** The sensitive kind reaching a call's arguments, if any (the callee itself excluded). */
export function sensitiveArgs(n: A.Call, semantic: SemanticModel, facts: ModuleFacts): SensitiveKind | undefined {
  let best: SensitiveKind | undefined;
  const rank = { environment: 3, 'credential-file': 2, identity: 1 } as const;
  for (const a of [...n.args, ...n.keywords.filter((k) => k.arg !== 'timeout').map((k) => k.value)]) {
    const k = sensitiveKind(a, semantic, facts);
    if (k && (!best || rank[k] > rank[best])) best = k;
  }
  // `s.sendall(data)` where `s` is fine; `requests.post(url, data=…)` where url itself is built from identity (DNS/URL exfil)
  return best;
}

/** The first string argument or keyword of a call, folded. */
export function stringArg(n: A.Call, semantic: SemanticModel, index = 0): string | undefined {
  const a = n.args[index];
  if (!a) return undefined;
  const v = semantic.constValue(a);
  return typeof v === 'string' ? v : undefined;
}

/** All string constants inside an expression (argv lists, f-string parts), joined by spaces. */
export function constantText(e: A.AnyNode): string {
  const parts: string[] = [];
  walk(e, (n) => {
    if (n.type === 'Constant' && n.kind === 'str' && typeof n.value === 'string') parts.push(n.value);
    return true;
  });
  return parts.join(' ');
}

/** Process-running calls: subprocess, os.system, os.popen, os.exec and os.spawn families, os.startfile, pty.spawn. */
export const PROCESS_CALL = /^(?:subprocess\.(?:Popen|call|run|check_call|check_output|getoutput|getstatusoutput)|os\.(?:system|popen|popen[234]|startfile|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)|pty\.spawn|commands\.getoutput|asyncio\.create_subprocess_(?:exec|shell)|sh\.\w+|plumbum\.local)$/;

/** Severity for an indicator by when it runs: install/import time raise it. */
export function phaseWord(p: RunPhase): string {
  return p === 'install' ? 'at install time' : p === 'import' ? 'at import time' : 'when called';
}

/** The module a node belongs to (needs parent links). */
export function moduleOf(node: A.AnyNode): A.Module {
  let n: A.AnyNode = node;
  while (n.parent) n = n.parent;
  return n as A.Module;
}

/** The innermost function (or the module) around a node. */
export function scopeNode(node: A.AnyNode): A.AnyNode {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Module') return n;
  return moduleOf(node);
}

/** Facts for the module of a visited node. */
export function factsFor(node: A.AnyNode, semantic: SemanticModel, path: string): ModuleFacts {
  return moduleFacts(moduleOf(node), semantic, path);
}

/** Severity by phase: `[install/import, runtime]`. */
export function byPhase<T>(phase: RunPhase, loadTime: T, runtime: T): T {
  return phase === 'runtime' ? runtime : loadTime;
}

/** Names, attributes and constants of an expression, space-separated (for flag and keyword tests). */
export function exprWords(e: A.AnyNode): string {
  const parts: string[] = [];
  walk(e, (n) => {
    if (n.type === 'Attribute') parts.push(n.attr);
    else if (n.type === 'Name') parts.push(n.id);
    else if (n.type === 'Constant') parts.push(String(n.value));
    return true;
  });
  return parts.join(' ');
}
