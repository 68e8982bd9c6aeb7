/**
 * One guarded HTTP GET for the package-index fetcher (`index-fetch.ts`), over Node's
 * built-in `fetch` (undici). The index and every server it redirects to are untrusted:
 *
 * - only `http:` and `https:` URLs are requested, on every redirect hop too;
 * - redirects are followed here, never by `fetch`, at most `maxRedirects` of them, so each
 *   hop is checked;
 * - one wall-clock timeout covers the whole exchange, redirects and body included;
 * - a `Content-Length` above `maxBytes` is refused before the body is read, and the body
 *   is counted as it arrives (a length can lie, and `fetch` decodes `Content-Encoding`,
 *   so the count is of decoded bytes): past `maxBytes` the download stops;
 * - credentials (HTTP Basic from the index URL's user-info) are sent only to the origin
 *   they were given for, never to a server a redirect or a file link points to.
 */

/** What a GET may do. */
export interface HttpGetOptions {
  /** The `Accept` header. */
  accept: string;
  /** `Accept-Encoding`: `identity` for files (their hash is over the bytes as stored). */
  acceptEncoding?: string;
  /** Largest body, in bytes (after content decoding). */
  maxBytes: number;
  /** Wall-clock milliseconds for the whole exchange. */
  timeoutMs: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  /** An `Authorization` header and the only origin (`https://host:port`) it may be sent to. */
  auth?: { origin: string; header: string };
  /** Receives the body, chunk by chunk, in order. */
  onChunk(chunk: Uint8Array): void;
}

export interface HttpGetResult {
  /** The URL the body came from (after redirects). */
  url: URL;
  /** The response's `Content-Type` ('' when absent). */
  contentType: string;
  /** Body bytes received. */
  bytes: number;
}

/** A failed GET; `status` is set for an HTTP error status. The message is one line. */
export class HttpGetError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A URL as shown in messages: no user-info, no query (either may hold a token). */
export function shownUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** True for the URL schemes the fetcher requests. */
export function isHttpUrl(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Plain words for the network errors met most. */
const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host',
};

/**
 * GET `url`, handing the body to `o.onChunk`.
 * @throws HttpGetError for a refused scheme, too many redirects, an HTTP error status, a
 *   body over `maxBytes`, a timeout or a network failure
 */
export async function httpGet(url: URL, o: HttpGetOptions): Promise<HttpGetResult> {
  const signal = AbortSignal.timeout(o.timeoutMs);
  let at = url;
  try {
    for (let hop = 0; ; hop++) {
      if (!isHttpUrl(at)) throw new HttpGetError(`refused ${at.protocol} URL ${shownUrl(at)} (only http and https are fetched)`);
      const headers: Record<string, string> = { accept: o.accept, 'user-agent': 'krait (package audit; https://peps.python.org/pep-0691/)' };
      if (o.acceptEncoding) headers['accept-encoding'] = o.acceptEncoding;
      if (o.auth && at.origin === o.auth.origin) headers['authorization'] = o.auth.header;
      const res = await fetch(at, { headers, redirect: 'manual', signal });
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location) throw new HttpGetError(`HTTP ${res.status} without a Location from ${shownUrl(at)}`, res.status);
        if (hop >= o.maxRedirects) throw new HttpGetError(`more than ${o.maxRedirects} redirects from ${shownUrl(url)}`);
        try {
          at = new URL(location, at);
        } catch {
          throw new HttpGetError(`HTTP ${res.status} from ${shownUrl(at)} to an invalid Location`, res.status);
        }
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel();
        throw new HttpGetError(`HTTP ${res.status} from ${shownUrl(at)}`, res.status);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        await res.body?.cancel();
        throw new HttpGetError(`${shownUrl(at)} is ${declared} bytes, over the limit of ${o.maxBytes}`);
      }
      const bytes = await readBody(res, at, o);
      return { url: at, contentType: res.headers.get('content-type') ?? '', bytes };
    }
  } catch (err) {
    if (err instanceof HttpGetError) throw err;
    if (signal.aborted) throw new HttpGetError(`${shownUrl(at)} did not answer within ${o.timeoutMs < 10_000 ? `${o.timeoutMs} ms` : `${Math.round(o.timeoutMs / 1000)} s`}`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    throw new HttpGetError(`cannot fetch ${shownUrl(at)}: ${NETWORK_ERRORS[code] ? `${NETWORK_ERRORS[code]} (${code})` : code || cause?.message || (err as Error).message}`);
  }
}

/** Read the body chunk by chunk, stopping past the limit. */
async function readBody(res: Response, at: URL, o: HttpGetOptions): Promise<number> {
  if (!res.body) return 0;
  const reader = res.body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > o.maxBytes) {
      await reader.cancel();
      throw new HttpGetError(`${shownUrl(at)} sent more than ${o.maxBytes} bytes, the limit (download stopped)`);
    }
    o.onChunk(value);
  }
}
