/** FastAPI and Starlette (request objects; typed parameters are in sources.ts), aiohttp (server and client). */
import { allArguments, htmlResponse, receiverMadeBy } from './predicates.js';
import type { LibraryModel } from './types.js';

const STARLETTE_RESPONSES = ['Response', 'HTMLResponse', 'PlainTextResponse', 'JSONResponse', 'RedirectResponse', 'StreamingResponse', 'FileResponse', 'ORJSONResponse', 'UJSONResponse']
  .flatMap((c) => [`starlette.responses.${c}`, `fastapi.responses.${c}`])
  .concat(['fastapi.Response']);

export const STARLETTE: LibraryModel = {
  id: 'fastapi',
  // body(), form(), json() and stream() are methods in Starlette; the attributes of the same names are sources elsewhere.
  request: { attributes: ['query_params', 'path_params', 'body', 'form', 'json', 'stream', 'cookies', 'headers'] },
  sinks: [
    // Response(content, status_code, headers, ...) and its subclasses (RedirectResponse(url, status_code, headers), FileResponse(path, status_code, headers)).
    { kind: 'header', names: STARLETTE_RESPONSES, args: [2], keywords: ['headers'] },
    { kind: 'xss', names: ['starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse'], keywords: ['content'] },
    { kind: 'xss', names: ['starlette.responses.Response', 'fastapi.Response', 'fastapi.responses.Response'], keywords: ['content'], when: htmlResponse },
    { kind: 'path', names: ['starlette.responses.FileResponse', 'fastapi.responses.FileResponse'], keywords: ['path'] },
    { kind: 'redirect', names: ['starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse'], keywords: ['url'] },
    {
      kind: 'traceback',
      names: ['starlette.responses.JSONResponse', 'starlette.responses.HTMLResponse', 'starlette.responses.PlainTextResponse', 'starlette.responses.Response', 'fastapi.responses.JSONResponse', 'fastapi.responses.HTMLResponse', 'fastapi.responses.PlainTextResponse', 'fastapi.Response', 'fastapi.HTTPException', 'starlette.exceptions.HTTPException'],
      pick: allArguments,
    },
  ],
};

const AIOHTTP_CLIENTS = ['aiohttp.ClientSession', 'aiohttp.client.ClientSession'];

export const AIOHTTP: LibraryModel = {
  id: 'aiohttp',
  request: { attributes: ['match_info', 'query', 'rel_url', 'text', 'post', 'read', 'content', 'json', 'multipart', 'cookies', 'headers'], methodsOnly: ['text', 'post', 'read', 'multipart'] },
  sinks: [
    { kind: 'ssrf', names: ['aiohttp.request'], args: [1], keywords: ['url'] },
    { kind: 'ssrf', methods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'ws_connect'], keywords: ['url'], when: receiverMadeBy(AIOHTTP_CLIENTS) },
    { kind: 'ssrf', methods: ['request'], args: [1], keywords: ['url'], when: receiverMadeBy(AIOHTTP_CLIENTS) },
    { kind: 'xss', names: ['aiohttp.web.Response', 'aiohttp.web_response.Response'], keywords: ['text', 'body'], args: [], when: (c, sem) => htmlResponse(c, sem) && c.keywords.some((k) => k.arg === 'content_type') },
    // Headers are keyword-only in aiohttp's responses and HTTP exceptions.
    {
      kind: 'header',
      names: ['Response', 'StreamResponse', 'json_response', 'FileResponse', 'HTTPFound', 'HTTPMovedPermanently', 'HTTPSeeOther', 'HTTPTemporaryRedirect', 'HTTPPermanentRedirect'].flatMap((c) => [`aiohttp.web.${c}`, `aiohttp.web_response.${c}`]),
      args: [],
      keywords: ['headers'],
    },
    { kind: 'redirect', names: ['aiohttp.web.HTTPFound', 'aiohttp.web.HTTPMovedPermanently', 'aiohttp.web.HTTPSeeOther', 'aiohttp.web.HTTPTemporaryRedirect'], keywords: ['location'] },
    { kind: 'path', names: ['aiohttp.web.FileResponse', 'aiofiles.open'], keywords: ['path', 'file'] },
  ],
};
