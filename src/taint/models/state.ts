/**
 * What a server sends back to or keeps for a client, whatever the framework: response
 * headers (CWE-113) and the session (trust boundary, CWE-501). krait cannot type a
 * response object, so the rows say how one is recognised: `x.headers` of anything that is
 * neither a request, nor a source, nor an outgoing client; a werkzeug or wsgiref `Headers`
 * object; and, for sessions, each framework's way to reach the session.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { allArguments, boundCall, imports, lastName, methodOn } from './predicates.js';
import { CLIENTS } from './services.js';
import type { ContainerSpec, LibraryModel } from './types.js';

/** Objects that send requests: their `headers` go out with a request (and the libraries reject CR/LF there). */
const OUTGOING = [...CLIENTS, 'aiohttp.ClientSession', 'aiohttp.client.ClientSession', 'urllib.request.Request', 'urllib2.Request', 'requests.Request', 'requests.models.Request', 'httpx.Request'];
const OUTGOING_NAME = /(?:^|_)(?:session|sess|client|http|conn|connection|api|opener|req|browser|agent)$/i;

/** `x.headers` is a response's: not `self.headers` (an `http.server` handler's are the request's) nor an outgoing client's. */
function responseHeaders(container: A.Expr, sem: SemanticModel): boolean {
  if (container.type !== 'Attribute') return true;
  const owner = container.value;
  if (owner.type === 'Name' && owner.id === 'self') return false;
  const name = lastName(owner);
  if (name && OUTGOING_NAME.test(name)) return false;
  const made = boundCall(owner, sem);
  return !made || !OUTGOING.includes(sem.callName(made) ?? '');
}

/** The headers of a response: `response.headers` (Flask, Werkzeug, Django ≥ 3.2, Starlette, aiohttp), a `Headers` object. */
export const RESPONSE_HEADERS: ContainerSpec = {
  attributes: ['headers'],
  madeBy: ['werkzeug.datastructures.Headers', 'werkzeug.datastructures.headers.Headers', 'werkzeug.Headers', 'wsgiref.headers.Headers', 'starlette.datastructures.MutableHeaders'],
  when: responseHeaders,
};

/**
 * The session: Flask's and Quart's `session` proxy, `request.session` (Django, Starlette,
 * Pyramid), aiohttp_session's `await get_session(request)`, Beaker's `environ["beaker.session"]`.
 */
export const SESSIONS: ContainerSpec = {
  names: ['flask.session', 'quart.session', 'flask.globals.session'],
  requestAttributes: ['session'],
  madeBy: ['aiohttp_session.get_session', 'aiohttp_session.new_session'],
  items: ['beaker.session'],
};

const WEB = imports('flask', 'quart', 'werkzeug', 'django', 'starlette', 'fastapi', 'aiohttp', 'bottle', 'pyramid', 'falcon', 'sanic', 'tornado', 'wsgiref', 'http.server', 'webob');

export const STATE: LibraryModel = {
  id: 'state',
  subscriptSinks: [
    { kind: 'header', container: RESPONSE_HEADERS, keys: true },
    // The Location header is where the browser goes (an open redirect, CWE-601).
    { kind: 'redirect', container: RESPONSE_HEADERS, key: 'location' },
    { kind: 'session', container: SESSIONS, keys: true },
  ],
  sinks: [
    // Werkzeug's Headers.add/set/setdefault/extend/update, wsgiref's add_header, Starlette's MutableHeaders.append.
    // The method names are also a list's, a set's and a dict's (`table.headers.append(col)`): only in a module of a web application.
    { kind: 'header', methods: ['add', 'set', 'setdefault', 'extend', 'update', 'add_header', 'setlist', 'append'], pick: allArguments, when: (c, sem) => WEB(c, sem) && methodOn(RESPONSE_HEADERS)(c, sem) },
    { kind: 'session', methods: ['update', 'setdefault', '__setitem__'], pick: allArguments, when: methodOn(SESSIONS) },
  ],
};
