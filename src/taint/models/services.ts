/**
 * Outgoing requests (requests, httpx, urllib3, Tornado), remote and local command runners
 * (paramiko, fabric, invoke, pexpect), templates (jinja2, mako, chameleon),
 * deserialisers (yaml, dill, jsonpickle, joblib, torch, numpy, pandas), LDAP and XPath.
 */
import { keywordArg } from '../../python/calls.js';
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { boundCall, constKw, imports, receiverMadeBy } from './predicates.js';
import type { LibraryModel } from './types.js';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const TORNADO_CLIENTS = ['tornado.httpclient.AsyncHTTPClient', 'tornado.httpclient.HTTPClient', 'tornado.curl_httpclient.CurlAsyncHTTPClient', 'tornado.simple_httpclient.SimpleAsyncHTTPClient'];
export const CLIENTS = ['requests.Session', 'requests.session', 'requests.sessions.Session', 'httpx.Client', 'httpx.AsyncClient'];

export const HTTP_CLIENTS: LibraryModel = {
  id: 'http_clients',
  sinks: [
    { kind: 'ssrf', names: [...HTTP_VERBS.flatMap((v) => [`requests.${v}`, `httpx.${v}`, `requests.api.${v}`]), 'httpx.stream'], keywords: ['url'] },
    { kind: 'ssrf', names: ['requests.request', 'httpx.request', 'requests.api.request'], args: [1], keywords: ['url'] },
    // Session/Client objects: requests.Session().get(u), with httpx.Client() as c: c.get(u).
    { kind: 'ssrf', methods: [...HTTP_VERBS, 'stream'], keywords: ['url'], when: receiverMadeBy(CLIENTS) },
    { kind: 'ssrf', methods: ['request'], args: [1], keywords: ['url'], when: receiverMadeBy([...CLIENTS, 'urllib3.PoolManager', 'urllib3.poolmanager.PoolManager']) },
    { kind: 'ssrf', methods: ['urlopen'], args: [1], keywords: ['url'], when: receiverMadeBy(['urllib3.PoolManager', 'urllib3.poolmanager.PoolManager']) },
    { kind: 'ssrf', names: ['urllib3.request'], args: [1], keywords: ['url'] },
    // Tornado's clients: fetch(url or HTTPRequest), and the request object's URL.
    { kind: 'ssrf', methods: ['fetch'], keywords: ['request'], when: receiverMadeBy(TORNADO_CLIENTS) },
    { kind: 'ssrf', names: ['tornado.httpclient.HTTPRequest'], keywords: ['url'] },
  ],
};

const PARAMIKO_OR_FABRIC = imports('fabric', 'invoke');

export const COMMAND_RUNNERS: LibraryModel = {
  id: 'command_runners',
  sinks: [
    { kind: 'command', label: 'a remote shell command', methods: ['exec_command'], keywords: ['command'] },
    { kind: 'command', names: ['pexpect.spawn', 'pexpect.run', 'pexpect.spawnu', 'pexpect.popen_spawn.PopenSpawn'], keywords: ['command', 'cmd'] },
    { kind: 'command', names: ['fabric.api.run', 'fabric.api.sudo', 'fabric.api.local', 'fabric.operations.run', 'fabric.operations.sudo', 'fabric.operations.local', 'invoke.run', 'invoke.sudo'], keywords: ['command'] },
    // Connection(...).run(cmd) / c.run(cmd) of fabric 2 and invoke tasks.
    { kind: 'command', label: 'a shell command (fabric/invoke)', methods: ['run', 'sudo', 'local'], keywords: ['command'], when: PARAMIKO_OR_FABRIC },
  ],
};

const SANDBOXED = receiverMadeBy(['jinja2.sandbox.SandboxedEnvironment', 'jinja2.sandbox.ImmutableSandboxedEnvironment']);

export const TEMPLATES: LibraryModel = {
  id: 'templates',
  sinks: [
    { kind: 'ssti', names: ['jinja2.Template', 'jinja2.environment.Template', 'mako.template.Template', 'chameleon.PageTemplate', 'chameleon.PageTextTemplate', 'genshi.template.MarkupTemplate'], keywords: ['source', 'text'] },
    // Environment().from_string(src), jinja2.Environment.from_string — not a sandboxed
    // environment's (jinja2.sandbox: no underscore attributes, no unsafe callables).
    { kind: 'ssti', methods: ['from_string'], keywords: ['source'], when: (call, sem) => !SANDBOXED(call, sem) },
  ],
};

/** yaml.load with a Loader that can build arbitrary objects (not Safe/Base). */
function unsafeYamlLoader(call: A.Call, sem: SemanticModel): boolean {
  const l = keywordArg(call, 'Loader')?.value ?? call.args[1];
  const q = l ? (sem.qualifiedName(l) ?? '') : '';
  return !/(?:Safe|Base|CSafe)Loader$/.test(q);
}

export const DESERIALIZERS: LibraryModel = {
  id: 'deserializers',
  sinks: [
    { kind: 'deserialization', names: ['dill.loads', 'dill.load', 'jsonpickle.decode', 'jsonpickle.unpickler.decode', 'pandas.read_pickle', 'joblib.load', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'cloudpickle.loads', 'cloudpickle.load'], keywords: ['data', 'file', 'string', 'filename', 'filepath_or_buffer', 'stream'] },
    { kind: 'deserialization', names: ['yaml.load', 'yaml.load_all'], keywords: ['stream'], when: unsafeYamlLoader },
    { kind: 'deserialization', names: ['torch.load'], keywords: ['f'], when: (call, sem) => constKw(call, sem, 'weights_only') !== true },
    { kind: 'deserialization', names: ['numpy.load'], keywords: ['file'], when: (call, sem) => constKw(call, sem, 'allow_pickle') === true },
  ],
};

export const LDAP: LibraryModel = {
  id: 'ldap',
  sinks: [
    { kind: 'ldap', methods: ['search_s', 'search_st', 'search_ext', 'search_ext_s'], args: [2], keywords: ['filterstr'] },
    { kind: 'ldap', methods: ['search'], args: [1], keywords: ['search_filter'], when: imports('ldap3') },
    { kind: 'ldap', methods: ['search'], args: [2], keywords: ['filterstr'], when: (c, sem) => imports('ldap')(c, sem) && !imports('ldap3')(c, sem) },
  ],
  // Filter escapers only: a DN escaper (`ldap.dn.escape_dn_chars`, `ldap3.utils.dn.escape_rdn`)
  // leaves `*`, `(` and `)` alone, and the sinks are search filters.
  sanitizers: [{ names: ['ldap.filter.escape_filter_chars', 'ldap3.utils.conv.escape_filter_chars'], clears: ['ldap'] }],
  passThrough: ['ldap.dn.escape_dn_chars', 'ldap3.utils.dn.escape_rdn'],
};

/** An lxml parse call whose parser may resolve entities: no parser (lxml < 5 resolves by default) or one made without resolve_entities=False. */
function lxmlResolvesEntities(call: A.Call, sem: SemanticModel): boolean {
  const p = keywordArg(call, 'parser')?.value ?? call.args[1];
  if (!p || (p.type === 'Constant' && p.value === null)) return true;
  const made = boundCall(p, sem);
  if (!made) return false;
  const q = sem.callName(made) ?? '';
  if (!/^lxml\.(?:etree\.(?:XMLParser|XMLPullParser|ETCompatXMLParser)|objectify\.makeparser)$/.test(q)) return false;
  return constKw(made, sem, 'resolve_entities') !== false;
}

export const XML: LibraryModel = {
  id: 'xml',
  sinks: [
    // Any `.xpath(expr)`: lxml's elements and trees, and parsel/Scrapy selectors, evaluate the expression
    // (the receiver often comes from another module: `self.tree = load_catalog()`).
    { kind: 'xpath', methods: ['xpath'], keywords: ['_path', 'query'] },
    { kind: 'xpath', names: ['lxml.etree.XPath', 'lxml.etree.ETXPath'], keywords: ['path'] },
    { kind: 'xpath', names: ['elementpath.select', 'elementpath.iter_select', 'elementpath.Selector'], args: [1], keywords: ['path'] },
    { kind: 'xxe', names: ['lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.parse', 'lxml.etree.fromstringlist', 'lxml.objectify.fromstring', 'lxml.objectify.parse'], keywords: ['text', 'source'], when: lxmlResolvesEntities },
  ],
  sanitizers: [{ names: ['defusedxml.lxml.fromstring'], clears: ['xxe'] }],
};
