/**
 * Every built-in taint model, one table per library, in one list. `sinks.ts`,
 * `sanitizers.ts` and `sources.ts` build the lookup structures the interpreter reads from
 * this list (and from a project's own rows, see `project.ts`).
 */
import { AIOHTTP, STARLETTE } from './asgi.js';
import { AUTOESCAPE } from './autoescape.js';
import { DJANGO, DRF } from './django.js';
import { FLASK, MARKUPSAFE } from './flask.js';
import { COMMAND_RUNNERS, DESERIALIZERS, HTTP_CLIENTS, LDAP, TEMPLATES, XML } from './services.js';
import { DBAPI, NOSQL, SQLALCHEMY } from './sql.js';
import { STATE } from './state.js';
import { STDLIB } from './stdlib.js';
import type { LibraryModel } from './types.js';
import { BOTTLE, CLI, FALCON, HTTP_SERVER, LAMBDA, PYRAMID, QUEUES, TORNADO } from './wsgi.js';

export type * from './types.js';
export { FLOW_RULES, KINDS, SINK_KIND_NAMES, bitsOf } from './kinds.js';

/** The built-in models, in the order their rows are merged. */
export const MODELS: readonly LibraryModel[] = [
  STDLIB,
  FLASK,
  MARKUPSAFE,
  DJANGO,
  DRF,
  STARLETTE,
  AIOHTTP,
  TORNADO,
  BOTTLE,
  PYRAMID,
  FALCON,
  HTTP_SERVER,
  LAMBDA,
  QUEUES,
  CLI,
  DBAPI,
  SQLALCHEMY,
  NOSQL,
  HTTP_CLIENTS,
  COMMAND_RUNNERS,
  TEMPLATES,
  DESERIALIZERS,
  LDAP,
  XML,
  STATE,
  AUTOESCAPE,
];
