/** Tornado, Bottle, Pyramid, Falcon and the standard library's `http.server` handlers. */
import { selfIn } from './predicates.js';
import type { LibraryModel } from './types.js';

const TORNADO_HANDLERS = ['tornado.web.RequestHandler'];
const HTTP_HANDLERS = ['http.server.BaseHTTPRequestHandler', 'http.server.SimpleHTTPRequestHandler', 'http.server.CGIHTTPRequestHandler', 'socketserver.StreamRequestHandler', 'socketserver.BaseRequestHandler', 'BaseHTTPServer.BaseHTTPRequestHandler', 'SimpleHTTPServer.SimpleHTTPRequestHandler'];

export const TORNADO: LibraryModel = {
  id: 'tornado',
  // self.request is a tornado.httputil.HTTPServerRequest.
  request: { attributes: ['body', 'arguments', 'query_arguments', 'body_arguments', 'files', 'uri', 'query', 'cookies', 'headers'] },
  handlerClasses: [
    {
      framework: 'tornado',
      bases: TORNADO_HANDLERS,
      methods: ['get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument', 'get_body_arguments', 'get_cookie', 'decode_argument'],
      // Path groups of the URL pattern are passed to get(self, *args).
      paramMethods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'],
    },
  ],
  sinks: [
    { kind: 'xss', label: 'an HTML response (RequestHandler.write)', methods: ['write', 'finish'], when: selfIn(TORNADO_HANDLERS) },
    { kind: 'redirect', methods: ['redirect'], keywords: ['url'], when: selfIn(TORNADO_HANDLERS) },
    { kind: 'ssti', names: ['tornado.template.Template'], keywords: ['template_string'] },
  ],
  sanitizers: [{ names: ['tornado.escape.xhtml_escape', 'tornado.escape.url_escape'], clears: ['xss'] }],
};

export const BOTTLE: LibraryModel = {
  id: 'bottle',
  request: { attributes: ['query', 'forms', 'params', 'json', 'files', 'body', 'cookies', 'headers', 'GET', 'POST', 'get_cookie'], methodsOnly: ['get_cookie'], globals: ['bottle.request'] },
  sinks: [
    // bottle.template() treats an argument with a newline, `{`, `%` or `$` as template source.
    { kind: 'ssti', names: ['bottle.template', 'bottle.SimpleTemplate'], keywords: ['source'] },
    { kind: 'redirect', names: ['bottle.redirect'], keywords: ['url'] },
    // static_file checks that the file is inside root: only root is a path sink.
    { kind: 'path', names: ['bottle.static_file'], args: [1], keywords: ['root'] },
  ],
};

export const PYRAMID: LibraryModel = {
  id: 'pyramid',
  request: { attributes: ['params', 'matchdict', 'json_body', 'GET', 'POST', 'body', 'cookies', 'headers', 'json'] },
  sinks: [
    { kind: 'redirect', names: ['pyramid.httpexceptions.HTTPFound', 'pyramid.httpexceptions.HTTPSeeOther', 'pyramid.httpexceptions.HTTPMovedPermanently', 'pyramid.httpexceptions.HTTPTemporaryRedirect'], keywords: ['location'] },
    // An HTML body: the default content type, or one given as HTML (`content_type="text/html"`); not JSON.
    {
      kind: 'xss',
      names: ['pyramid.response.Response'],
      keywords: ['body'],
      when: (c, sem) =>
        !c.keywords.some((k) => k.arg === 'json_body') &&
        c.keywords.every((k) => {
          if (k.arg !== 'content_type') return true;
          const v = sem.constValue(k.value);
          return typeof v === 'string' && /html/i.test(v);
        }),
    },
  ],
};

export const HTTP_SERVER: LibraryModel = {
  id: 'http_server',
  handlerClasses: [{ framework: 'http.server', bases: HTTP_HANDLERS, attributes: ['path', 'headers', 'rfile', 'requestline', 'raw_requestline'] }],
  sinks: [
    {
      kind: 'xss',
      label: 'an HTTP response body (wfile.write)',
      methods: ['write'],
      when: (c, sem) => c.func.type === 'Attribute' && c.func.value.type === 'Attribute' && c.func.value.attr === 'wfile' && selfIn(HTTP_HANDLERS)({ ...c, func: c.func.value }, sem),
    },
  ],
};

/**
 * Falcon: a resource's responders `on_get(self, req, resp)` read the request through
 * `req` (a `falcon.Request`). Typed getters (`get_param_as_int`, `get_param_as_bool`) give
 * numbers and booleans, so they are not sources.
 */
export const FALCON: LibraryModel = {
  id: 'falcon',
  request: {
    attributes: ['get_param', 'get_param_as_list', 'params', 'media', 'get_media', 'bounded_stream', 'stream', 'get_header', 'cookies', 'get_cookie_values', 'query_string', 'relative_uri', 'forwarded_uri', 'uri'],
    methodsOnly: ['get_param', 'get_param_as_list', 'get_media', 'get_header', 'get_cookie_values'],
  },
};

/**
 * AWS Lambda: the event of a handler `def handler(event, context)` is the client's request,
 * but for the fields of its `requestContext` that API Gateway sets itself: the address of the
 * connection, ids, the stage and the time (AWS API Gateway developer guide, "Input format of a
 * Lambda function for proxy integration"); not its user agent, path or authorizer claims.
 */
export const LAMBDA: LibraryModel = {
  id: 'lambda',
  handlerFunctions: [
    {
      framework: 'lambda',
      origin: 'request',
      params: ['event', 'context'],
      clientParams: ['event'],
      platformFields: { under: 'requestContext', keys: ['sourceIp', 'requestId', 'extendedRequestId', 'accountId', 'apiId', 'stage', 'requestTime', 'requestTimeEpoch', 'timeEpoch', 'resourceId'] },
      label: 'the AWS Lambda event',
    },
  ],
};

/**
 * Message consumers: the arguments of a Celery or Dramatiq task come from a queue message
 * that other code publishes (often with a client's data), and so does the body a pika
 * consumer callback `def on_message(channel, method, properties, body)` receives.
 */
export const QUEUES: LibraryModel = {
  id: 'queues',
  handlerFunctions: [
    {
      framework: 'celery',
      origin: 'request',
      decorators: ['celery.Celery.task', 'celery.shared_task', 'celery.task', 'celery.app.task', 'dramatiq.actor'],
      // (`from proj.celery import app` then `@app.task`: the application's usual names.)
      decoratorPattern: /(?:^|\.)(?:celery|celery_app|app)\.task$/,
      clientParams: 'all',
      label: 'a task message (Celery, Dramatiq)',
    },
    { framework: 'pika', origin: 'request', params: ['ch', 'method', 'properties', 'body'], clientParams: ['body'], label: 'a queue message body (pika)' },
    { framework: 'pika', origin: 'request', params: ['channel', 'method', 'properties', 'body'], clientParams: ['body'], label: 'a queue message body (pika)' },
  ],
};

/** Command-line frameworks: click and typer parameters (argparse and sys.argv are in the standard library). */
export const CLI: LibraryModel = {
  id: 'cli',
  handlerFunctions: [
    {
      framework: 'click',
      origin: 'cli',
      decorators: ['click.command', 'click.group', 'click.argument', 'click.option'],
      clientParams: 'all',
      label: 'command-line arguments (click)',
    },
    {
      framework: 'typer',
      origin: 'cli',
      decorators: ['typer.Typer.command'],
      // (An application object of another module: `from .main import app` then `@app.command()`.)
      decoratorPattern: /\.command$/,
      modules: ['typer'],
      clientParams: 'all',
      label: 'command-line arguments (typer)',
    },
  ],
  sources: [{ name: 'docopt.docopt', form: 'call', origin: 'cli', label: 'command-line arguments (docopt)' }],
};
