/**
 * Pure functions of constants: callables whose result depends only on their arguments — no
 * I/O, no clock, no randomness, no environment, no code run from the data — so that a call
 * whose every argument is built from constants is itself a constant. Triage judges a sink
 * that receives such a value `constant`: `marshal.loads(bytes.fromhex("e3…"))`,
 * `pickle.loads(base64.b64decode(BLOB))`, `exec(zlib.decompress(PAYLOAD).decode())`.
 *
 * Only the qualified names listed here count (and the str/bytes methods in the
 * interpreter's string-method list, on a constant receiver). Left out on purpose:
 * deserialisers that can run code while loading (`pickle.loads`, `yaml.load`), anything
 * that reads files, the network or the environment (`json.load`, `open`,
 * `os.path.expanduser`), and functions whose result changes between runs (`time.time`,
 * `random.random`, `uuid.uuid4`, `id`, `hash`).
 */

/** Builtins: conversions and arithmetic on their arguments. */
const BUILTINS = [
  'str', 'int', 'float', 'bool', 'complex', 'len', 'repr', 'ascii', 'format', 'bytes', 'bytearray', 'tuple', 'list', 'dict', 'set', 'frozenset',
  'sorted', 'reversed', 'min', 'max', 'sum', 'abs', 'round', 'divmod', 'pow', 'chr', 'ord', 'hex', 'oct', 'bin',
  'bytes.fromhex', 'bytearray.fromhex', 'str.maketrans', 'int.from_bytes',
  'builtins.str', 'builtins.bytes', 'builtins.bytes.fromhex',
];

/** Encodings and their inverses (base64, hex, codecs, URL and HTML escapes, quoted-printable). */
const CODECS = [
  'base64.b64encode', 'base64.b64decode', 'base64.urlsafe_b64encode', 'base64.urlsafe_b64decode', 'base64.standard_b64encode', 'base64.standard_b64decode',
  'base64.b32encode', 'base64.b32decode', 'base64.b32hexencode', 'base64.b32hexdecode', 'base64.b16encode', 'base64.b16decode',
  'base64.b85encode', 'base64.b85decode', 'base64.a85encode', 'base64.a85decode', 'base64.encodebytes', 'base64.decodebytes',
  'binascii.hexlify', 'binascii.unhexlify', 'binascii.b2a_hex', 'binascii.a2b_hex', 'binascii.b2a_base64', 'binascii.a2b_base64', 'binascii.crc32',
  'codecs.encode', 'codecs.decode', 'quopri.encodestring', 'quopri.decodestring',
  'html.escape', 'html.unescape', 'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.unquote', 'urllib.parse.unquote_plus', 'urllib.parse.unquote_to_bytes', 'urllib.parse.urlencode',
  'shlex.quote', 'shlex.join', 'shlex.split', 'unicodedata.normalize',
];

/** Compression: decompressing a constant gives a constant. */
const COMPRESSION = ['zlib.compress', 'zlib.decompress', 'gzip.compress', 'gzip.decompress', 'bz2.compress', 'bz2.decompress', 'lzma.compress', 'lzma.decompress'];

/** Serialisers, and parsers of data formats that build plain values only (no code, no objects of the data's choosing). */
const DATA = ['json.dumps', 'json.loads', 'pickle.dumps', 'marshal.dumps', 'yaml.dump', 'yaml.safe_dump', 'ast.literal_eval', 'struct.pack', 'struct.unpack'];

/** Text and path manipulation that touches no file system. */
const TEXT = ['textwrap.dedent', 'textwrap.indent', 'textwrap.fill', 'textwrap.wrap', 'os.path.join', 'posixpath.join', 'ntpath.join', 'os.path.basename', 'os.path.dirname', 'os.path.normpath', 'posixpath.normpath', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PurePosixPath', 're.escape', 'string.capwords'];

/** Qualified names of the pure callables (see the module comment). */
export const PURE_OF_CONSTANTS: ReadonlySet<string> = new Set([...BUILTINS, ...CODECS, ...COMPRESSION, ...DATA, ...TEXT]);

/** Methods of str and bytes, pure on a constant receiver with constant arguments (`C.encode()`, `B.decode("utf-8")`, `B.hex()`). */
export const PURE_METHODS: ReadonlySet<string> = new Set([
  'format', 'join', 'replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'format_map', 'center', 'ljust', 'rjust', 'zfill',
  'decode', 'encode', 'casefold', 'split', 'rsplit', 'splitlines', 'removeprefix', 'removesuffix', 'swapcase', 'hex', 'translate', 'expandtabs',
  'partition', 'rpartition',
]);

/**
 * Callables that read their arguments and never change them, beyond the pure ones above
 * (output, type checks, identity, logging): a tracked container passed to them keeps its
 * known elements. Any other call may change a container it is given.
 */
export const READ_ONLY_CALLS: ReadonlySet<string> = new Set([
  'print', 'isinstance', 'issubclass', 'id', 'hash', 'type', 'iter', 'enumerate', 'zip', 'any', 'all', 'callable',
  'copy.copy', 'copy.deepcopy', 'json.dump', 'pprint.pprint', 'pprint.pformat',
  'logging.debug', 'logging.info', 'logging.warning', 'logging.error', 'logging.exception', 'logging.critical', 'logging.log',
]);

/**
 * Look-ups of the program a constant names, on the operator's `PATH` (`shutil.which("soffice")`:
 * Python's library reference): not pure (the environment decides the directory), but no
 * one outside the host chooses the result, so a call with constant arguments is a constant
 * for the reasoning layer (the program run is the one the constant names).
 */
export const PROGRAM_LOOKUPS: ReadonlySet<string> = new Set(['shutil.which']);
