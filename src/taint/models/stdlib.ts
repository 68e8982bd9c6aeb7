/**
 * The Python standard library: console, command line and environment sources; command,
 * code, file, network, deserialisation, XML and logging sinks; conversions and escapes
 * that sanitise; string, encoding and container pass-through summaries.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { keywordArg } from '../../python/calls.js';
import { boundCall, constKw, hasShellTrue, headOnly, pickSubprocess, receiverPath, receiverMadeBy, shellList } from './predicates.js';
import type { CallTaints, LibraryModel } from './types.js';
import { join, type Taint } from '../model.js';

/** `send_header("Location", …)`: the header name, a constant, is Location (any case). */
function locationHeader(c: A.Call, sem: SemanticModel): boolean {
  const v = c.args[0] ? sem.constValue(c.args[0]) : constKw(c, sem, 'keyword');
  return typeof v === 'string' && v.toLowerCase() === 'location';
}

/** A `%` conversion specifier (Python's printf-style formatting, the one `logging` applies): its mapping key, width, precision and type. */
const PERCENT_SPEC = /%(\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)/g;

/**
 * The arguments of a logging call from the message at `from` on, without those a constant
 * message formats with `%r` or `%a` (`log.warning("user=%r", name)`): logging writes their
 * repr, which escapes CR, LF and every other control character. With a mapping key or a `*`
 * width the message is not read: every argument counts.
 */
function loggedArguments(t: CallTaints, from: number): Taint | null {
  const msg = t.call.args[from];
  const text = msg?.type === 'Constant' && typeof msg.value === 'string' ? msg.value : null;
  let reprs: Set<number> | null = null;
  if (text !== null && !t.call.args.some((a) => a.type === 'Starred')) {
    reprs = new Set();
    let i = from + 1;
    for (const m of text.matchAll(PERCENT_SPEC)) {
      if (m[4] === '%' && !m[1] && !m[2] && !m[3]) continue;
      if (m[1] || m[2] === '*' || m[3] === '*') {
        reprs = null;
        break;
      }
      if (m[4] === 'r' || m[4] === 'a') reprs.add(i);
      i++;
    }
  }
  let out: Taint | null = null;
  for (let i = from; i < t.args.length; i++) if (!reprs?.has(i)) out = join(out, t.args[i]);
  for (const k of t.keywords.values()) out = join(out, k);
  return out;
}

/** File objects made in memory (the data-flow engine tracks the text ones; XML parsers read them). */
export const IN_MEMORY_FILES: readonly string[] = ['io.StringIO', 'io.BytesIO', 'StringIO.StringIO', 'cStringIO.StringIO'];
/** Archive objects (their `open` and `extract*` name members of the archive). */
const ARCHIVES = ['zipfile.ZipFile', 'tarfile.open', 'tarfile.TarFile', 'tarfile.TarFile.open'];
const archiveMethod = receiverMadeBy(ARCHIVES);
const SUBPROCESS = ['Popen', 'call', 'run', 'check_call', 'check_output'].map((f) => `subprocess.${f}`);
/** `re` (and the `regex` package) functions whose first argument is the pattern. */
const REGEX_FUNCTIONS = ['compile', 'match', 'search', 'fullmatch', 'findall', 'finditer', 'split', 'sub', 'subn'];
const LOG_LEVELS = ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'fatal', 'log'];
const LOGGER_NAMES = /^(?:_?log|_?logger|LOG|LOGGER|_LOG|_LOGGER|log_|logger_)$/;

/**
 * A logger receiver: the `logging` module, `logging.getLogger()` (directly or through a
 * name bound to it), `app.logger` / `self.logger`, or a name conventionally used for one.
 */
function isLogger(call: A.Call, sem: SemanticModel): boolean {
  const f = call.func;
  if (f.type !== 'Attribute') return false;
  const r = f.value;
  const q = sem.qualifiedName(r) ?? '';
  if (q === 'logging' || q.startsWith('logging.getLogger')) return true;
  const made = boundCall(r, sem);
  if (made && /^logging\.(?:getLogger|LoggerAdapter|Logger)$|(?:^|\.)get_logger$/.test(sem.callName(made) ?? '')) return true;
  if (r.type === 'Attribute' && (r.attr === 'logger' || r.attr === 'log')) return true;
  return r.type === 'Name' && LOGGER_NAMES.test(r.id) && !made;
}

/** `parser.parse(...)` / `xml.sax.parse(..., parser=p)` where `p.setFeature(feature_external_ges, True)` was called in the same scope. */
function externalEntitiesOn(receiver: A.Expr | undefined, sem: SemanticModel, from: A.AnyNode): boolean {
  if (!receiver || receiver.type !== 'Name') return false;
  const b = sem.lookup(receiver.id, receiver);
  if (!b) return false;
  let scope: A.AnyNode | null = from.parent;
  while (scope && scope.type !== 'FunctionDef' && scope.type !== 'AsyncFunctionDef' && scope.type !== 'Module') scope = scope.parent;
  if (!scope) return false;
  let found = false;
  const stack: A.AnyNode[] = [scope];
  let guard = 0;
  while (stack.length && !found && guard++ < 20000) {
    const n = stack.pop()!;
    if (n.type === 'Call' && n.func.type === 'Attribute' && n.func.attr === 'setFeature' && n.func.value.type === 'Name' && n.func.value.id === receiver.id) {
      const feat = n.args[0] ? sem.qualifiedName(n.args[0]) ?? String(sem.constValue(n.args[0]) ?? '') : '';
      const on = n.args[1] ? sem.constValue(n.args[1]) : undefined;
      if (/feature_external_(?:ges|pes)$|external-(?:general|parameter)-entities$/.test(feat) && (on === true || on === 1)) found = true;
    }
    for (const v of Object.values(n)) {
      if (v && typeof v === 'object') {
        if (Array.isArray(v)) {
          for (const x of v) if (x && typeof x === 'object' && 'type' in x && x !== n.parent) stack.push(x as A.AnyNode);
        } else if ('type' in v && v !== n.parent) stack.push(v as A.AnyNode);
      }
    }
  }
  return found;
}

/** `xml.sax.parse(src, handler)` and pulldom with a `parser=` whose external entities are on, or `parser.parse(src)` itself. */
function saxWithEntities(call: A.Call, sem: SemanticModel): boolean {
  const q = sem.callName(call) ?? '';
  if (q.startsWith('xml.dom.pulldom.') || q.startsWith('xml.sax.')) {
    const p = keywordArg(call, 'parser')?.value ?? (q.startsWith('xml.dom.pulldom.') ? call.args[1] : undefined);
    return externalEntitiesOn(p, sem, call);
  }
  return call.func.type === 'Attribute' && externalEntitiesOn(call.func.value, sem, call);
}

export const STDLIB: LibraryModel = {
  id: 'stdlib',
  sources: [
    { name: 'input', form: 'call', origin: 'cli', label: 'console input (input())' },
    { name: 'raw_input', form: 'call', origin: 'cli', label: 'console input (raw_input())' },
    { name: 'os.getenv', form: 'call', origin: 'env', label: 'an environment variable (os.getenv)' },
    { name: 'os.getenvb', form: 'call', origin: 'env', label: 'an environment variable (os.getenvb)' },
    { name: 'traceback.format_exc', form: 'call', origin: 'traceback', label: 'a stack trace (traceback.format_exc())' },
    { name: 'traceback.format_exception', form: 'call', origin: 'traceback', label: 'a stack trace (traceback.format_exception())' },
    { name: 'traceback.format_tb', form: 'call', origin: 'traceback', label: 'a stack trace (traceback.format_tb())' },
    { name: 'traceback.format_stack', form: 'call', origin: 'traceback', label: 'a stack trace (traceback.format_stack())' },
    { name: 'traceback.extract_tb', form: 'call', origin: 'traceback', label: 'a stack trace (traceback.extract_tb())' },
    { name: 'sys.argv', form: 'attribute', origin: 'cli', label: 'command-line arguments (sys.argv)' },
    { name: 'sys.stdin', form: 'attribute', origin: 'cli', label: 'standard input (sys.stdin)' },
    { name: 'os.environ', form: 'attribute', origin: 'env', label: 'the environment (os.environ)' },
    { name: 'os.environb', form: 'attribute', origin: 'env', label: 'the environment (os.environb)' },
  ],
  sourceMethods: [
    { methods: ['parse_args', 'parse_known_args', 'parse_intermixed_args'], module: 'argparse', origin: 'cli', label: 'command-line arguments (argparse)' },
    { methods: ['parse_args'], module: 'optparse', origin: 'cli', label: 'command-line arguments (optparse)' },
  ],
  sinks: [
    // ---- OS commands (CWE-78)
    {
      kind: 'command',
      names: ['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'platform.popen', 'popen2.popen2', 'popen2.popen3'],
      keywords: ['cmd', 'command'],
    },
    { kind: 'command', label: 'a command to run', names: SUBPROCESS, pick: pickSubprocess, needsHead: (c) => !hasShellTrue(c) && !shellList(c) },
    { kind: 'command', label: 'a program to run', names: ['os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'pty.spawn', 'asyncio.create_subprocess_exec', 'os.startfile'], pick: headOnly(0), needsHead: () => true },
    { kind: 'command', label: 'a program to run', names: ['os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe', 'os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.posix_spawn', 'os.posix_spawnp'], pick: headOnly(1), needsHead: () => true },
    // ---- code (CWE-95) and reflection (CWE-470)
    { kind: 'code', names: ['eval', 'exec', 'compile', 'execfile', 'builtins.eval', 'builtins.exec', 'builtins.compile', 'code.InteractiveInterpreter', 'runpy.run_path', 'runpy.run_module'], keywords: ['source'] },
    { kind: 'reflection', label: 'a module imported by name', names: ['importlib.import_module', '__import__', 'builtins.__import__', 'importlib.__import__'], keywords: ['name'] },
    { kind: 'reflection', label: 'an attribute chosen by name', names: ['getattr', 'builtins.getattr'], args: [1] },
    // ---- files (CWE-22); joined taints are reported as KR115 instead
    {
      kind: 'path',
      names: [
        'open', 'io.open', 'codecs.open', 'os.open', 'builtins.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.makedirs', 'os.mkdir', 'os.listdir', 'os.scandir',
        'os.chmod', 'os.chown', 'os.lchown', 'os.truncate', 'os.stat', 'os.lstat', 'os.access', 'os.utime', 'os.walk', 'os.mkfifo', 'os.readlink', 'shutil.rmtree', 'shutil.make_archive', 'shutil.unpack_archive', 'shutil.chown',
        'os.path.getsize', 'os.path.getmtime', 'os.path.getatime', 'os.path.getctime', 'os.path.exists', 'os.path.lexists', 'os.path.isfile', 'os.path.isdir', 'os.path.islink', 'os.path.ismount',
        'glob.glob', 'glob.iglob', 'zipfile.ZipFile', 'tarfile.open', 'tarfile.TarFile', 'fileinput.input', 'linecache.getline',
      ],
      keywords: ['file', 'path', 'filename', 'name', 'pathname'],
    },
    { kind: 'path', names: ['os.rename', 'os.renames', 'os.replace', 'os.link', 'os.symlink', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'shutil.copymode', 'shutil.copystat'], args: [0, 1], keywords: ['src', 'dst'] },
    {
      kind: 'path',
      methods: ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'iterdir', 'mkdir', 'open', 'rename', 'symlink_to', 'hardlink_to', 'chmod', 'glob', 'rglob'],
      pick: receiverPath,
      needsHead: () => true,
      // (An archive's `open(member)` reads a member of it, not a file of the file system.)
      when: (c, sem) => !archiveMethod(c, sem),
    },
    // ---- SSRF (CWE-918)
    {
      kind: 'ssrf',
      names: ['urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib.urlopen', 'urllib.urlretrieve', 'urllib2.urlopen', 'urllib2.Request', 'http.client.HTTPConnection', 'http.client.HTTPSConnection', 'socket.create_connection', 'smtplib.SMTP', 'smtplib.SMTP_SSL', 'ftplib.FTP', 'ftplib.FTP_TLS', 'telnetlib.Telnet', 'xmlrpc.client.ServerProxy'],
      keywords: ['url', 'host', 'address', 'uri'],
    },
    // ---- deserialisation (CWE-502)
    { kind: 'deserialization', names: ['pickle.loads', 'pickle.load', 'pickle.Unpickler', 'cPickle.loads', 'cPickle.load', '_pickle.loads', 'marshal.loads', 'marshal.load', 'shelve.open', 'shelve.DbfilenameShelf'], keywords: ['data', 'file', 'filename'] },
    // ---- XXE (CWE-611): SAX and pulldom with external general entities switched on
    { kind: 'xxe', names: ['xml.sax.parse', 'xml.sax.parseString', 'xml.dom.pulldom.parse', 'xml.dom.pulldom.parseString'], keywords: ['source', 'string', 'stream_or_string'], when: saxWithEntities },
    { kind: 'xxe', methods: ['parse', 'feed'], when: saxWithEntities },
    // ---- headers (CWE-113): http.server writes header names and values as given (http.client's putheader rejects CR/LF)
    { kind: 'header', methods: ['send_header'], args: [0, 1], keywords: ['keyword', 'value'] },
    // ---- redirects (CWE-601): the Location header http.server sends
    { kind: 'redirect', methods: ['send_header'], args: [1], keywords: ['value'], when: (c: A.Call, sem: SemanticModel) => locationHeader(c, sem) },
    // ---- regular expressions (CWE-1333): a pattern from the request can backtrack for hours (ReDoS) or match what it should not
    { kind: 'regex', names: REGEX_FUNCTIONS.flatMap((f) => [`re.${f}`, `regex.${f}`]), args: [0], keywords: ['pattern'] },
    // ---- logs (CWE-117): every argument of a logging call is written to the log
    // (an argument formatted by `%r` is written as its repr, with CR and LF escaped: no forged line)
    { kind: 'log', names: LOG_LEVELS.map((l) => `logging.${l}`), pick: (t: CallTaints) => loggedArguments(t, t.call.func.type === 'Attribute' && t.call.func.attr === 'log' ? 1 : 0) },
    { kind: 'log', methods: LOG_LEVELS, when: isLogger, pick: (t: CallTaints) => loggedArguments(t, t.call.func.type === 'Attribute' && t.call.func.attr === 'log' ? 1 : 0) },
  ],
  sanitizers: [
    // Conversions to numbers, booleans and identifiers are safe for every sink.
    {
      names: ['int', 'float', 'bool', 'complex', 'len', 'ord', 'abs', 'round', 'hash', 'id', 'uuid.UUID', 'decimal.Decimal', 'ipaddress.ip_address', 'ipaddress.ip_network', 'ipaddress.IPv4Address', 'ipaddress.IPv6Address', 'datetime.date.fromisoformat', 'datetime.datetime.fromisoformat', 'datetime.datetime.strptime', 'fractions.Fraction'],
      clears: 'all',
    },
    { names: ['shlex.quote', 'pipes.quote', 'shlex.join'], clears: ['command'] },
    { names: ['html.escape', 'cgi.escape', 'xml.sax.saxutils.escape', 'xml.sax.saxutils.quoteattr'], clears: ['xss'] },
    { names: ['os.path.basename', 'posixpath.basename', 'ntpath.basename'], clears: ['path'] },
    // JSON text holds no raw CR, LF or other control character (json.dumps escapes them,
    // ensure_ascii or not): one log line, one header line. json.loads undoes it (engine DECODERS).
    { names: ['json.dumps'], clears: ['header'] },
    // An escaped pattern matches the text literally: no quantifier or group of the attacker's.
    { names: ['re.escape', 'regex.escape'], clears: ['regex'] },
    // repr()/ascii() of a string or a number is a Python literal of it: evaluated, it is that value again (no code runs).
    { names: ['repr', 'ascii', 'builtins.repr', 'builtins.ascii'], clears: ['code'] },
    // Percent-encoding leaves only [A-Za-z0-9_.~%-] and what `safe=` keeps: urlencode keeps
    // nothing else; quote()/quote_plus() are judged with their `safe` argument (sanitizers.ts).
    {
      names: ['urllib.parse.urlencode', 'urllib.urlencode'],
      clears: ['sql', 'command', 'ssrf', 'ssti', 'redirect', 'xss', 'deserialization', 'ldap', 'xpath', 'header'],
    },
  ],
  passThrough: [
    'str', 'bytes', 'ast.parse', 'compile', 'bytearray', 'bytes.fromhex', 'bytearray.fromhex', 'format', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'iter', 'next', 'min', 'max',
    'enumerate', 'zip', 'filter', 'itertools.chain', 'itertools.islice', 'itertools.chain.from_iterable',
    'os.fspath', 'os.fsencode', 'os.fsdecode', 'os.path.normpath', 'os.path.abspath', 'os.path.realpath', 'os.path.expanduser', 'os.path.expandvars', 'os.path.dirname', 'os.path.splitext', 'os.path.split',
    'posixpath.normpath', 'ntpath.normpath',
    'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.quote', 'urllib.quote_plus',
    'urllib.parse.urljoin', 'urllib.parse.unquote', 'urllib.parse.unquote_plus', 'urllib.parse.unquote_to_bytes', 'urllib.parse.urlunparse', 'urllib.parse.urlunsplit', 'urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urllib.unquote', 'urllib.parse.parse_qs', 'urllib.parse.parse_qsl',
    'base64.b64decode', 'base64.b64encode', 'base64.urlsafe_b64decode', 'base64.urlsafe_b64encode', 'base64.b32decode', 'base64.b32encode', 'base64.b16decode', 'base64.b16encode', 'base64.b85decode', 'base64.a85decode', 'base64.decodebytes', 'base64.encodebytes', 'base64.standard_b64decode', 'base64.standard_b64encode',
    'binascii.unhexlify', 'binascii.hexlify', 'binascii.a2b_base64', 'binascii.b2a_base64', 'codecs.decode', 'codecs.encode', 'quopri.decodestring', 'html.unescape',
    'json.loads', 'json.load', 'json.dumps', 'textwrap.dedent', 'textwrap.indent', 'textwrap.fill', 'textwrap.wrap', 'textwrap.shorten', 'shlex.split', 'copy.copy', 'copy.deepcopy',
    'io.StringIO', 'io.BytesIO', 'io.TextIOWrapper', 'zlib.decompress', 'gzip.decompress', 'bz2.decompress', 'lzma.decompress', 'string.Template', 'typing.cast', 'functools.reduce',
    'email.message_from_string', 'email.message_from_bytes', 're.sub', 're.subn', 'unicodedata.normalize', 'operator.concat', 'operator.add',
    'collections.OrderedDict', 'collections.deque', 'collections.ChainMap', 'collections.defaultdict',
    // An archive opened from untrusted data: its member names and contents are that data (a zip slip).
    ...ARCHIVES,
  ],
  // A compiled pattern's methods return (parts of) the string they are given.
  methodPassThrough: [{ methods: ['sub', 'subn', 'split', 'findall', 'finditer', 'match', 'fullmatch', 'search'], when: receiverMadeBy(['re.compile']) }],
  // An in-memory file holds what is written to it (getvalue() and read() return the receiver's taint).
  receiverAdders: [{ methods: ['write', 'writelines'], when: receiverMadeBy(IN_MEMORY_FILES) }],
  roundTrips: [{ dumps: ['json.dumps'], loads: ['json.loads'] }],
  pathJoins: ['os.path.join', 'posixpath.join', 'ntpath.join', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.PurePosixPath', 'pathlib.WindowsPath', 'pathlib.PureWindowsPath'],
  // list.append/extend, set.add, dict.update, deque; configparser's set/read_string/read_dict. (Not write(): self.write() would taint every attribute of self.)
  containerAdders: ['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft', 'set', 'read_string', 'read_dict'],
  nonPropagatingMethods: [
    'isdigit', 'isalpha', 'isalnum', 'isnumeric', 'isdecimal', 'isidentifier', 'islower', 'isupper', 'isspace', 'isascii', 'istitle', 'startswith', 'endswith', 'count', 'find', 'rfind', 'index',
    'rindex', '__len__', 'is_relative_to', 'exists', 'is_file', 'is_dir', 'is_absolute', 'is_symlink', 'stat', 'fileno', 'close', 'tell', 'seek', 'flush', 'save', 'write', 'writelines', 'getsize', 'bit_length',
    'has_section', 'has_option', 'issubset', 'issuperset', 'isdisjoint',
  ],
};

