/** Flask, Quart and Werkzeug: the request proxy, response and template sinks, upload and path sanitizers. */
import type * as A from '../../python/ast.js';
import { join } from '../model.js';
import { allArguments, arg, htmlResponse, htmlResponseObject } from './predicates.js';
import type { LibraryModel } from './types.js';

const RESPONSES = ['flask.make_response', 'flask.Response', 'werkzeug.wrappers.Response', 'werkzeug.Response', 'quart.make_response', 'quart.Response'];

/** The second argument of make_response is its headers when it is a dict (a literal, or a name for one), not a status. */
function isHeaderDict(e: A.Expr | undefined): boolean {
  return !!e && (e.type === 'Dict' || e.type === 'Name' || (e.type === 'Call' && e.func.type === 'Name' && e.func.id === 'dict'));
}

export const FLASK: LibraryModel = {
  id: 'flask',
  request: {
    attributes: ['args', 'form', 'values', 'json', 'data', 'files', 'cookies', 'headers', 'stream', 'view_args', 'referrer', 'query_string', 'environ', 'get_json', 'get_data', 'authorization', 'path', 'full_path'],
    methodsOnly: ['get_json', 'get_data'],
    globals: ['flask.request', 'quart.request', 'werkzeug.local.request', 'flask.globals.request'],
  },
  sinks: [
    { kind: 'ssti', names: ['flask.render_template_string', 'quart.render_template_string'], keywords: ['source'] },
    { kind: 'redirect', names: ['flask.redirect', 'werkzeug.utils.redirect', 'werkzeug.redirect', 'quart.redirect'], keywords: ['location'] },
    // The body of a response (not its status or headers) is HTML unless a mimetype says otherwise.
    { kind: 'xss', names: RESPONSES, keywords: ['response'], when: htmlResponse },
    { kind: 'path', names: ['flask.send_file', 'flask.helpers.send_file'], keywords: ['path_or_file', 'filename_or_fp'] },
    // send_from_directory joins safely: only the directory is a path sink.
    { kind: 'path', names: ['flask.send_from_directory', 'flask.helpers.send_from_directory'], keywords: ['directory'] },
    // FileStorage.save(dst): only when the receiver is an uploaded file (tainted).
    { kind: 'path', methods: ['save'], pick: (t) => (t.receiver ? arg(t, 0, 'dst') : null) },
    // Headers given with the response: Response(body, status, headers), make_response(body, status, headers) or make_response(body, headers).
    { kind: 'header', names: RESPONSES.filter((n) => !n.endsWith('make_response')), args: [2], keywords: ['headers'] },
    { kind: 'header', names: ['flask.make_response', 'quart.make_response'], pick: (t) => join(arg(t, 2), isHeaderDict(t.call.args[1]) ? arg(t, 1) : null) },
    { kind: 'traceback', names: ['flask.jsonify', 'flask.abort', 'quart.jsonify', ...RESPONSES], pick: allArguments },
    // A body set on a response made earlier (`resp = make_response(); resp.set_data(html)`).
    { kind: 'xss', label: 'the body of an HTML response (Response.set_data)', methods: ['set_data'], keywords: ['value'], when: (c, sem) => c.func.type === 'Attribute' && htmlResponseObject(RESPONSES)(c.func.value, sem) },
  ],
  attributeSinks: [{ kind: 'xss', label: 'the body of an HTML response (Response.data)', container: { madeBy: RESPONSES, when: htmlResponseObject(RESPONSES) }, attributes: ['data'] }],
  sanitizers: [
    { names: ['flask.escape', 'markupsafe.escape', 'jinja2.escape', 'markupsafe.Markup.escape'], clears: ['xss'] },
    {
      names: ['werkzeug.utils.secure_filename', 'werkzeug.secure_filename', 'werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join', 'flask.helpers.safe_join'],
      clears: ['path'],
    },
  ],
};

/**
 * markupsafe's `Markup` class, also re-exported by jinja2 (before 3.1) and flask (before
 * 2.3): markupsafe's, jinja2's and flask's documentation. Its constructor marks a string safe
 * (a sink); its methods (`format`, `join`, `%`) escape their arguments (a receiver that
 * clears XSS, see the engine's `isMarkup`).
 */
export const MARKUP_CLASSES: readonly string[] = ['markupsafe.Markup', 'jinja2.Markup', 'jinja2.utils.Markup', 'flask.Markup'];

/** markupsafe / jinja2 / flask Markup: marking a string safe skips escaping. */
export const MARKUPSAFE: LibraryModel = {
  id: 'markupsafe',
  sinks: [{ kind: 'xss', label: 'HTML marked safe', names: [...MARKUP_CLASSES] }],
};
