/**
 * Sanitizers and propagators: calls that neutralise taint for some sink kinds, and calls
 * whose result carries the taint of their arguments. Everything else that krait cannot see
 * into (a library function, a database lookup) returns untainted data — the analysis
 * prefers a missed flow to a wrong one.
 */
import { K, ALL_MASK } from './model.js';

const PATHS = K.PATH;
const EXCEPT_PATH_CODE = ALL_MASK & ~(K.PATH | K.CODE);

/** Qualified call name → sink kinds its result is safe for. */
export const SANITIZERS: ReadonlyMap<string, number> = new Map<string, number>([
  // Conversions to numbers, booleans and identifiers are safe for every sink.
  ...['int', 'float', 'bool', 'complex', 'len', 'ord', 'abs', 'round', 'hash', 'id', 'uuid.UUID', 'decimal.Decimal', 'ipaddress.ip_address', 'ipaddress.ip_network', 'datetime.date.fromisoformat', 'datetime.datetime.fromisoformat'].map(
    (n): [string, number] => [n, ALL_MASK],
  ),
  ...['shlex.quote', 'pipes.quote', 'shlex.join'].map((n): [string, number] => [n, K.SHELL]),
  ...[
    'html.escape', 'markupsafe.escape', 'flask.escape', 'jinja2.escape', 'markupsafe.Markup.escape', 'django.utils.html.escape',
    'django.utils.html.conditional_escape', 'bleach.clean', 'cgi.escape', 'xml.sax.saxutils.escape', 'nh3.clean',
  ].map((n): [string, number] => [n, K.XSS | K.HEADER]),
  ...[
    'os.path.basename', 'posixpath.basename', 'ntpath.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename',
    'werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join', 'flask.helpers.safe_join', 'django.utils._os.safe_join',
    'pathvalidate.sanitize_filename',
  ].map((n): [string, number] => [n, PATHS]),
  ...['pymysql.converters.escape_string', 'MySQLdb.escape_string', 'psycopg2.extensions.quote_ident', 'psycopg.sql.Identifier', 'psycopg2.sql.Identifier', 'psycopg2.sql.Literal'].map(
    (n): [string, number] => [n, K.SQL],
  ),
  ...['ldap.filter.escape_filter_chars', 'ldap3.utils.conv.escape_filter_chars', 'ldap.dn.escape_dn_chars', 'ldap3.utils.dn.escape_rdn'].map(
    (n): [string, number] => [n, K.LDAP],
  ),
  // Percent-encoding leaves only [A-Za-z0-9_.~/%-]: still a path, nothing else.
  ...['urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode', 'urllib.quote', 'urllib.quote_plus', 'urllib.urlencode'].map(
    (n): [string, number] => [n, EXCEPT_PATH_CODE],
  ),
]);

/** Calls whose result carries the taint of every argument. */
export const PROPAGATORS: ReadonlySet<string> = new Set([
  'str', 'bytes', 'bytearray', 'repr', 'format', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'iter', 'next',
  'min', 'max', 'os.fspath', 'os.path.normpath', 'os.path.abspath', 'os.path.realpath', 'os.path.expanduser', 'os.path.expandvars',
  'posixpath.normpath', 'urllib.parse.urljoin', 'urllib.parse.unquote', 'urllib.parse.unquote_plus', 'urllib.parse.urlunparse',
  'urllib.parse.urlunsplit', 'urllib.unquote', 'base64.b64decode', 'base64.b64encode', 'base64.urlsafe_b64decode',
  'base64.urlsafe_b64encode', 'base64.b32decode', 'base64.b16decode', 'base64.decodebytes', 'binascii.unhexlify', 'binascii.a2b_base64',
  'codecs.decode', 'codecs.encode', 'json.loads', 'ujson.loads', 'orjson.loads', 'simplejson.loads', 'textwrap.dedent', 'shlex.split',
  'copy.copy', 'copy.deepcopy', 'io.StringIO', 'io.BytesIO', 'zlib.decompress', 'gzip.decompress', 'string.Template', 'typing.cast',
  'urllib.parse.parse_qs', 'urllib.parse.parse_qsl', 'email.message_from_string', 'email.message_from_bytes',
]);

/** Joins of path parts: a controlled part after the first may be absolute and replace the base. */
export const PATH_JOINS: ReadonlySet<string> = new Set([
  'os.path.join', 'posixpath.join', 'ntpath.join', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.PurePosixPath',
  'pathlib.WindowsPath', 'pathlib.PureWindowsPath',
]);

/** Methods whose result says something about the receiver but carries none of it. */
export const NON_PROPAGATING_METHODS: ReadonlySet<string> = new Set([
  'isdigit', 'isalpha', 'isalnum', 'isnumeric', 'isdecimal', 'isidentifier', 'islower', 'isupper', 'isspace', 'isascii', 'istitle',
  'startswith', 'endswith', 'count', 'find', 'rfind', 'index', 'rindex', '__len__', 'is_relative_to', 'exists', 'is_file', 'is_dir',
  'is_absolute', 'is_symlink', 'stat', 'fileno', 'close', 'tell', 'seek', 'flush', 'save', 'write', 'getsize', 'bit_length',
]);

/** Methods of a container that add their arguments to it (`cmd.append(x)`). */
export const CONTAINER_ADDERS: ReadonlySet<string> = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft']);

/**
 * Sink kinds a value built from a literal prefix can no longer reach: a fixed
 * `https://host/` start pins the host (no SSRF, no open redirect), a single leading `/`
 * keeps a redirect on the same site.
 */
export function prefixClears(prefix: string): number {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s{}]+[/?#]/i.test(prefix)) return K.SSRF | K.REDIRECT;
  if (prefix.startsWith('/') && !prefix.startsWith('//') && !prefix.startsWith('/\\')) return K.SSRF | K.REDIRECT;
  return 0;
}
