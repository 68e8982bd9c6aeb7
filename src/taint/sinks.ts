/**
 * Taint sinks: calls (and a few assignments) where controlled data does harm, each with the
 * rule that reports it, the sink kind bit a value must still carry, and which argument
 * matters. Matching is by qualified name (through import aliases) or, for methods whose
 * receiver krait cannot type (`cursor.execute`), by method name.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { hasShellTrue, keywordArg } from '../rules/calls.js';
import { K, join, type Taint } from './model.js';

/** Rule ids of the data-flow rules (see src/rules/flow/). */
export const FLOW_RULES = {
  sql: 'KR101',
  command: 'KR102',
  code: 'KR103',
  path: 'KR104',
  ssrf: 'KR105',
  ssti: 'KR106',
  redirect: 'KR107',
  xss: 'KR108',
  deserialization: 'KR109',
  ldap: 'KR110',
  xpath: 'KR111',
  header: 'KR112',
  session: 'KR113',
  traceback: 'KR114',
  absolutePath: 'KR115',
} as const;

/** The taints of one call's arguments, computed once per evaluation. */
export interface CallTaints {
  call: A.Call;
  args: (Taint | null)[];
  keywords: Map<string, Taint | null>;
  receiver: Taint | null;
}

export interface SinkSpec {
  rule: string;
  bit: number;
  /** What the sink does, for messages: 'a SQL query'. */
  label: string;
  names?: readonly string[];
  methods?: readonly string[];
  /** Positional argument indexes that matter (default [0]). */
  args?: readonly number[];
  /** Keyword names that matter. */
  keywords?: readonly string[];
  /** Extra condition (module imports, literal options). */
  when?: (call: A.Call, sem: SemanticModel) => boolean;
  /** Only a controlled head matters (the program of an argv list): summaries keep this for call sites. */
  needsHead?: (call: A.Call) => boolean;
  /** Custom choice of the taint that reaches the sink (overrides args/keywords). */
  pick?: (t: CallTaints, sem: SemanticModel) => Taint | null;
}

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)$/;

function arg(t: CallTaints, i: number, kw?: string): Taint | null {
  if (i < t.call.args.length) return t.args[i] ?? null;
  return kw ? (t.keywords.get(kw) ?? null) : null;
}

/** subprocess without a shell runs what the first list element names: only a controlled head matters (or a `sh -c` list). */
function pickSubprocess(t: CallTaints): Taint | null {
  const a0 = arg(t, 0, 'args');
  const exe = t.keywords.get('executable') ?? null;
  if (hasShellTrue(t.call)) return join(a0, exe);
  if (shellList(t.call)) return a0;
  return join(a0 && a0.head ? a0 : null, exe);
}

/** `["sh", "-c", cmd]`: an argv list that starts a shell. */
function shellList(call: A.Call): boolean {
  const first = call.args[0] ?? keywordArg(call, 'args')?.value;
  if (!first || (first.type !== 'List' && first.type !== 'Tuple')) return false;
  const head = first.elts[0];
  return !!head && head.type === 'Constant' && typeof head.value === 'string' && SHELLS.test(head.value);
}

function allArguments(t: CallTaints): Taint | null {
  let out: Taint | null = null;
  for (const a of t.args) out = join(out, a);
  for (const k of t.keywords.values()) out = join(out, k);
  return out;
}

function headOnly(i: number) {
  return (t: CallTaints): Taint | null => {
    const a = arg(t, i);
    return a && a.head ? a : null;
  };
}

function importsModule(sem: SemanticModel, m: string): boolean {
  return sem.imports.some((i) => i.module === m || i.module.startsWith(`${m}.`));
}

function constKw(call: A.Call, sem: SemanticModel, name: string): unknown {
  const k = keywordArg(call, name);
  return k ? sem.constValue(k.value) : undefined;
}

/** Flask/Django/Starlette responses that are HTML unless told otherwise. */
function htmlResponse(call: A.Call, sem: SemanticModel): boolean {
  for (const n of ['mimetype', 'content_type', 'media_type']) {
    const k = keywordArg(call, n);
    if (!k) continue;
    const v = sem.constValue(k.value);
    return typeof v !== 'string' || v.includes('html');
  }
  return true;
}

const SUBPROCESS = ['Popen', 'call', 'run', 'check_call', 'check_output'].map((f) => `subprocess.${f}`);
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export const SINKS: readonly SinkSpec[] = [
  // ---- SQL (CWE-89)
  { rule: FLOW_RULES.sql, bit: K.SQL, label: 'a SQL query', methods: ['execute', 'executemany', 'executescript', 'exec_driver_sql', 'mogrify', 'raw'], keywords: ['sql', 'query', 'statement', 'operation', 'raw_query'] },
  { rule: FLOW_RULES.sql, bit: K.SQL, label: 'a SQL query', methods: ['extra'], args: [], keywords: ['where', 'select', 'tables', 'order_by'] },
  {
    rule: FLOW_RULES.sql, bit: K.SQL, label: 'a SQL query',
    names: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'sqlmodel.text', 'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL', 'pandas.read_sql', 'pandas.read_sql_query'],
    keywords: ['sql', 'text'],
  },
  // ---- OS commands (CWE-78)
  { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a shell command', names: ['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'platform.popen', 'popen2.popen2', 'popen2.popen3'], keywords: ['cmd', 'command'] },
  { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a command to run', names: SUBPROCESS, pick: pickSubprocess, needsHead: (c) => !hasShellTrue(c) && !shellList(c) },
  { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a program to run', names: ['os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'pty.spawn', 'asyncio.create_subprocess_exec', 'os.startfile'], pick: headOnly(0), needsHead: () => true },
  { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a program to run', names: ['os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe', 'os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.posix_spawn', 'os.posix_spawnp'], pick: headOnly(1), needsHead: () => true },
  { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a remote shell command', methods: ['exec_command'], keywords: ['command'] },
  // ---- code (CWE-95)
  { rule: FLOW_RULES.code, bit: K.CODE, label: 'code evaluation', names: ['eval', 'exec', 'compile', 'execfile', 'builtins.eval', 'builtins.exec', 'builtins.compile'], keywords: ['source'] },
  // ---- files (CWE-22); joined taints are reported as KR115 instead
  { rule: FLOW_RULES.path, bit: K.PATH, label: 'a file path', names: ['open', 'io.open', 'codecs.open', 'os.open', 'builtins.open', 'aiofiles.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.makedirs', 'os.mkdir', 'os.listdir', 'os.scandir', 'os.chmod', 'os.chown', 'os.truncate', 'shutil.rmtree', 'flask.send_file', 'flask.helpers.send_file', 'flask.send_from_directory', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse', 'os.path.getsize'], keywords: ['file', 'path', 'filename_or_fp', 'directory'] },
  { rule: FLOW_RULES.path, bit: K.PATH, label: 'a file path', names: ['os.rename', 'os.replace', 'os.link', 'os.symlink', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move'], args: [0, 1], keywords: ['src', 'dst'] },
  {
    rule: FLOW_RULES.path, bit: K.PATH, label: 'a file path',
    methods: ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'iterdir', 'mkdir'],
    pick: (t) => (t.receiver && t.receiver.head ? t.receiver : null),
    needsHead: () => true,
  },
  // FileStorage.save(dst): only when the receiver is an uploaded file (tainted).
  { rule: FLOW_RULES.path, bit: K.PATH, label: 'a file path', methods: ['save'], pick: (t) => (t.receiver ? arg(t, 0, 'dst') : null) },
  // ---- SSRF (CWE-918)
  {
    rule: FLOW_RULES.ssrf, bit: K.SSRF, label: 'the URL of an outgoing request',
    names: [...HTTP_VERBS.flatMap((v) => [`requests.${v}`, `httpx.${v}`, `requests.api.${v}`]), 'urllib.request.urlopen', 'urllib.request.Request', 'urllib.urlopen', 'urllib2.urlopen', 'urllib2.Request', 'httpx.stream', 'http.client.HTTPConnection', 'http.client.HTTPSConnection', 'socket.create_connection', 'smtplib.SMTP', 'ftplib.FTP', 'aiohttp.request'],
    keywords: ['url', 'host', 'address'],
  },
  { rule: FLOW_RULES.ssrf, bit: K.SSRF, label: 'the URL of an outgoing request', names: ['requests.request', 'httpx.request', 'requests.api.request'], args: [1], keywords: ['url'] },
  // ---- templates (CWE-1336)
  { rule: FLOW_RULES.ssti, bit: K.SSTI, label: 'a template', names: ['flask.render_template_string', 'quart.render_template_string', 'jinja2.Template', 'django.template.Template', 'mako.template.Template', 'tornado.template.Template', 'chameleon.PageTemplate'], keywords: ['source', 'template_string', 'text', 'template'] },
  { rule: FLOW_RULES.ssti, bit: K.SSTI, label: 'a template', methods: ['from_string'], keywords: ['source'] },
  // ---- open redirect (CWE-601)
  { rule: FLOW_RULES.redirect, bit: K.REDIRECT, label: 'a redirect target', names: ['flask.redirect', 'werkzeug.utils.redirect', 'quart.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse', 'bottle.redirect'], keywords: ['location', 'url', 'to', 'redirect_to'] },
  // ---- XSS (CWE-79)
  { rule: FLOW_RULES.xss, bit: K.XSS, label: 'HTML marked safe', names: ['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString', 'django.utils.html.format_html'] },
  { rule: FLOW_RULES.xss, bit: K.XSS, label: 'an HTML response', names: ['flask.make_response', 'flask.Response', 'werkzeug.wrappers.Response', 'django.http.HttpResponse', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'starlette.responses.Response', 'fastapi.Response'], keywords: ['response', 'content'], when: htmlResponse },
  // ---- deserialisation (CWE-502)
  { rule: FLOW_RULES.deserialization, bit: K.DESER, label: 'a deserialiser that can run code', names: ['pickle.loads', 'pickle.load', 'pickle.Unpickler', 'cPickle.loads', 'cPickle.load', '_pickle.loads', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'jsonpickle.decode', 'pandas.read_pickle', 'joblib.load', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'shelve.open'], keywords: ['data', 'file'] },
  {
    rule: FLOW_RULES.deserialization, bit: K.DESER, label: 'a deserialiser that can run code', names: ['yaml.load', 'yaml.load_all'], keywords: ['stream'],
    when: (call, sem) => {
      const l = keywordArg(call, 'Loader')?.value ?? call.args[1];
      const q = l ? sem.qualifiedName(l) ?? '' : '';
      return !/(?:Safe|Base)Loader$/.test(q);
    },
  },
  { rule: FLOW_RULES.deserialization, bit: K.DESER, label: 'a deserialiser that can run code', names: ['torch.load'], keywords: ['f'], when: (call, sem) => constKw(call, sem, 'weights_only') !== true },
  { rule: FLOW_RULES.deserialization, bit: K.DESER, label: 'a deserialiser that can run code', names: ['numpy.load'], keywords: ['file'], when: (call, sem) => constKw(call, sem, 'allow_pickle') === true },
  // ---- LDAP (CWE-90)
  { rule: FLOW_RULES.ldap, bit: K.LDAP, label: 'an LDAP filter', methods: ['search_s', 'search_st', 'search_ext', 'search_ext_s'], args: [2], keywords: ['filterstr'] },
  { rule: FLOW_RULES.ldap, bit: K.LDAP, label: 'an LDAP filter', methods: ['search'], args: [1], keywords: ['search_filter'], when: (_c, sem) => importsModule(sem, 'ldap3') },
  { rule: FLOW_RULES.ldap, bit: K.LDAP, label: 'an LDAP filter', methods: ['search'], args: [2], keywords: ['filterstr'], when: (_c, sem) => importsModule(sem, 'ldap') },
  // ---- XPath (CWE-643)
  { rule: FLOW_RULES.xpath, bit: K.XPATH, label: 'an XPath expression', methods: ['xpath'], keywords: ['_path'], when: (_c, sem) => importsModule(sem, 'lxml') },
  { rule: FLOW_RULES.xpath, bit: K.XPATH, label: 'an XPath expression', names: ['lxml.etree.XPath', 'lxml.etree.ETXPath'], keywords: ['path'] },
  // ---- headers (CWE-113): http.server writes header values as given
  { rule: FLOW_RULES.header, bit: K.HEADER, label: 'an HTTP response header', methods: ['send_header', 'putheader'], args: [1] },
  // ---- exception text in a response (CWE-209)
  {
    rule: FLOW_RULES.traceback, bit: K.RESPONSE, label: 'an HTTP response',
    names: ['flask.jsonify', 'flask.make_response', 'flask.Response', 'flask.abort', 'werkzeug.wrappers.Response', 'django.http.HttpResponse', 'django.http.JsonResponse', 'django.http.HttpResponseServerError', 'django.http.HttpResponseBadRequest', 'starlette.responses.JSONResponse', 'starlette.responses.HTMLResponse', 'starlette.responses.PlainTextResponse', 'starlette.responses.Response', 'fastapi.responses.JSONResponse', 'fastapi.responses.HTMLResponse', 'fastapi.responses.PlainTextResponse', 'fastapi.Response', 'fastapi.HTTPException', 'starlette.exceptions.HTTPException', 'rest_framework.response.Response'],
    pick: allArguments,
  },
];

const byName = new Map<string, SinkSpec[]>();
const byMethod = new Map<string, SinkSpec[]>();
for (const s of SINKS) {
  for (const n of s.names ?? []) (byName.get(n) ?? byName.set(n, []).get(n)!).push(s);
  for (const m of s.methods ?? []) (byMethod.get(m) ?? byMethod.set(m, []).get(m)!).push(s);
}

/** Sinks that a call may be: by its qualified name, else by its method name. */
export function sinksFor(call: A.Call, qualified: string | null): readonly SinkSpec[] {
  if (qualified) {
    const s = byName.get(qualified);
    if (s) return s;
  }
  if (call.func.type === 'Attribute') return byMethod.get(call.func.attr) ?? [];
  return [];
}

/** The taint that reaches a sink through the arguments it reads. */
export function sinkTaint(spec: SinkSpec, t: CallTaints, sem: SemanticModel): Taint | null {
  if (spec.when && !spec.when(t.call, sem)) return null;
  if (spec.pick) return spec.pick(t, sem);
  let out: Taint | null = null;
  for (const i of spec.args ?? [0]) out = join(out, t.args[i] ?? null);
  for (const k of spec.keywords ?? []) out = join(out, t.keywords.get(k) ?? null);
  return out;
}
