/**
 * Packages straight from an index: a target `pypi:NAME` or `pypi:NAME==VERSION` is fetched
 * from a simple repository (PEP 503 HTML / PEP 691 JSON, JSON asked for first) and audited
 * as the archives it downloads to.
 *
 * - The network is used only when the caller allows it (`--online`, or an explicit
 *   `--index-url`); otherwise such a target is a usage error that says how to allow it.
 * - A path that exists wins: a folder literally named `pypi:x` is scanned as a folder.
 * - The release is the latest non-yanked one, or the version asked (see `index-page.ts`);
 *   its sdist and, when there is one, its pure-Python wheel are downloaded; dependencies
 *   are not followed.
 * - Every download is checked against the index's hash (sha256; sha384 or sha512 when the
 *   index gives only those) before anything opens it: a mismatch, or no usable hash, stops
 *   the scan with one line. Downloads are size-capped, time-limited, http(s) only, with
 *   few redirects, and credentials in the index URL go to the index's origin only
 *   (`index-http.ts`).
 * - The files go to a private temporary folder (tracked by `temp-dirs.ts`, so it goes on
 *   exit or on a signal too) and are shown as `pypi:NAME==VERSION/<file name>`; their
 *   entries as `pypi:NAME==VERSION/<file name>!/<entry>`. The archives themselves are
 *   opened by the safe archive reader (`archive.ts`) like any archive target.
 */
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FetchedPackage } from '../../report/model.js';
import { normalizeName, isValidVersion } from '../../deps/pep440.js';
import { httpGet, HttpGetError, isHttpUrl, shownUrl, type HttpGetOptions } from './index-http.js';
import { chooseRelease, IndexPageError, PAGE_ACCEPT, parseIndexPage, type IndexFile } from './index-page.js';
import { removeTempDir, trackTempDir } from './temp-dirs.js';
import { INDEX_TARGET_PREFIX } from './index-target.js';

/** The index used with `--online` and no `--index-url`. */
export const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';

export { INDEX_TARGET_PREFIX } from './index-target.js';

/** Caps on what one fetch may take. */
export interface IndexLimits {
  /** Largest project page, bytes. */
  pageBytes: number;
  /** Largest sdist or wheel, bytes. */
  fileBytes: number;
  /** Wall-clock milliseconds per request (redirects and body included). */
  timeoutMs: number;
  /** Redirects followed per request. */
  maxRedirects: number;
}

export const DEFAULT_INDEX_LIMITS: IndexLimits = {
  pageBytes: 64 * 1024 * 1024,
  fileBytes: 256 * 1024 * 1024,
  timeoutMs: 120_000,
  maxRedirects: 5,
};

/** Whether and where index targets may be fetched. */
export interface IndexOptions {
  /** `--online`: the network may be used (the default index unless `indexUrl` is given). */
  online?: boolean;
  /** `--index-url`: the simple index to read; giving one allows the network for it. */
  indexUrl?: string;
  limits?: Partial<IndexLimits>;
}

/** The targets with index targets replaced by their downloaded files. */
export interface IndexTargets {
  /** The targets in order; each fetched one replaced by the absolute paths of its files. */
  targets: string[];
  /** Absolute path of each downloaded file → its display path (`pypi:NAME==VERSION/<file>`). */
  aliases: Map<string, string>;
  /** What was fetched, for the report. */
  packages: FetchedPackage[];
  /** Remove the downloads. Safe to call more than once; never throws. */
  cleanup: () => void;
}

/** A target that cannot be fetched (malformed, not allowed, index or hash problem); the message is one line. */
export class IndexFetchError extends Error {}

/** A parsed index target. */
export interface IndexTarget {
  /** PEP 503 normalised project name. */
  name: string;
  /** The version asked for (`==VERSION`), as written. */
  version?: string;
}

/** PEP 508 project names. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/**
 * Read an index target: `pypi:NAME` or `pypi:NAME==VERSION` (PEP 508 name, PEP 440
 * version); undefined for a target without the `pypi:` prefix.
 * @throws IndexFetchError for a `pypi:` target of another form
 */
export function parseIndexTarget(target: string): IndexTarget | undefined {
  if (!target.toLowerCase().startsWith(INDEX_TARGET_PREFIX)) return undefined;
  const body = target.slice(INDEX_TARGET_PREFIX.length).trim();
  const m = /^([^=<>!~\s[;@]+)\s*(?:==\s*([^\s=]+))?$/.exec(body);
  if (!m || !NAME.test(m[1]) || (m[2] !== undefined && !isValidVersion(m[2]))) {
    throw new IndexFetchError(`cannot read the target "${target.slice(0, 120)}": write pypi:NAME or pypi:NAME==VERSION (a PEP 440 version; no other specifiers, extras or URLs)`);
  }
  return { name: normalizeName(m[1]), ...(m[2] !== undefined ? { version: m[2] } : {}) };
}

/** The index to read: its URL without credentials (a trailing `/` added) and the Basic credentials it carried. */
function indexEndpoint(indexUrl: string): { base: URL; auth?: HttpGetOptions['auth'] } {
  let base: URL;
  try {
    base = new URL(indexUrl);
  } catch {
    throw new IndexFetchError('--index-url is not a URL: give the simple index, e.g. https://pypi.org/simple/');
  }
  if (!isHttpUrl(base)) throw new IndexFetchError(`--index-url must be an http or https URL (got ${base.protocol})`);
  let auth: HttpGetOptions['auth'];
  if (base.username || base.password) {
    const user = decodeURIComponent(base.username);
    const pass = decodeURIComponent(base.password);
    auth = { origin: base.origin, header: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
    base.username = '';
    base.password = '';
  }
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { base, auth };
}

/** True when the target names an existing path (which then wins over the `pypi:` reading). */
function existsLocally(target: string, cwd: string): boolean {
  try {
    lstatSync(path.resolve(cwd, target));
    return true;
  } catch {
    return false;
  }
}

/**
 * Fetch every index target among `targets` (see the module comment); other targets are
 * kept as they are. Makes no request when there is no index target.
 * @param cwd base of relative targets (to tell a local `pypi:x` path)
 * @throws IndexFetchError when an index target is malformed or not allowed, the index
 *   cannot be read, has no such release, or a download fails or does not match its hash;
 *   nothing downloaded is left behind then
 */
export async function resolveIndexTargets(targets: string[], cwd: string, opts: IndexOptions = {}): Promise<IndexTargets> {
  const wanted = targets.map((t) => (existsLocally(t, cwd) ? undefined : parseIndexTarget(t)));
  const none: IndexTargets = { targets, aliases: new Map(), packages: [], cleanup: () => undefined };
  if (!wanted.some(Boolean)) return none;
  if (!opts.online && opts.indexUrl === undefined) {
    const first = targets[wanted.findIndex(Boolean)];
    throw new IndexFetchError(`${first} is a package on an index and krait reads no network unless asked: add --online to fetch it from PyPI, or --index-url URL (e.g. https://pypi.org/simple/)`);
  }
  const endpoint = indexEndpoint(opts.indexUrl ?? DEFAULT_INDEX_URL);
  const limits = { ...DEFAULT_INDEX_LIMITS, ...opts.limits };
  const session = new FetchSession(endpoint, limits);
  try {
    const out: string[] = [];
    for (let i = 0; i < targets.length; i++) {
      const w = wanted[i];
      if (!w) out.push(targets[i]);
      else out.push(...(await session.fetchTarget(targets[i], w)));
    }
    return { targets: out, aliases: session.aliases, packages: session.packages, cleanup: () => session.cleanup() };
  } catch (err) {
    session.cleanup();
    throw err;
  }
}

/** One run's downloads: the temporary folder, what was fetched, and the release already fetched per project. */
class FetchSession {
  readonly aliases = new Map<string, string>();
  readonly packages: FetchedPackage[] = [];
  private dir: string | undefined;
  /** `name==version` → absolute paths of its files (a release asked for twice is fetched once). */
  private readonly done = new Map<string, string[]>();

  constructor(
    private readonly endpoint: { base: URL; auth?: HttpGetOptions['auth'] },
    private readonly limits: IndexLimits,
  ) {}

  /** Fetch one target's release; returns the absolute paths of its files. */
  async fetchTarget(target: string, t: IndexTarget): Promise<string[]> {
    const pageUrl = new URL(`${t.name}/`, this.endpoint.base);
    const page = await this.readPage(target, t.name, pageUrl);
    let release;
    try {
      release = chooseRelease(page.files, t.name, t.version);
    } catch (err) {
      if (err instanceof IndexPageError) throw new IndexFetchError(`${target}: ${err.message}`);
      throw err;
    }
    const key = `${t.name}==${release.version}`;
    const again = this.done.get(key);
    if (again) return again;
    const pkg: FetchedPackage = { target, name: t.name, version: release.version, index: shownUrl(pageUrl), format: page.format, files: [] };
    if (release.yanked !== undefined) pkg.yanked = release.yanked;
    const folder = path.join(this.tempDir(), String(this.done.size));
    mkdirSync(folder, { mode: 0o700 });
    const paths: string[] = [];
    for (const [file, kind] of [[release.sdist, 'sdist'], [release.wheel, 'wheel']] as const) {
      if (!file) continue;
      const abs = path.join(folder, safeFileName(target, file.filename));
      const got = await this.download(target, file, abs);
      const display = `${INDEX_TARGET_PREFIX}${key}/${file.filename}`;
      this.aliases.set(abs, display);
      pkg.files.push({ filename: file.filename, kind, url: shownUrl(new URL(file.url)), sha256: got.sha256, bytes: got.bytes, path: display });
      paths.push(abs);
    }
    this.packages.push(pkg);
    this.done.set(key, paths);
    return paths;
  }

  private async readPage(target: string, name: string, pageUrl: URL) {
    const chunks: Uint8Array[] = [];
    let res;
    try {
      res = await httpGet(pageUrl, { ...this.httpLimits(this.limits.pageBytes), accept: PAGE_ACCEPT, onChunk: (c) => chunks.push(c) });
    } catch (err) {
      if (err instanceof HttpGetError && err.status === 404) throw new IndexFetchError(`${target}: the index ${shownUrl(this.endpoint.base)} has no project ${name} (HTTP 404)`);
      if (err instanceof HttpGetError) throw new IndexFetchError(`${target}: ${err.message}`);
      throw err;
    }
    try {
      return parseIndexPage(Buffer.concat(chunks).toString('utf8'), res.contentType, res.url);
    } catch (err) {
      if (err instanceof IndexPageError) throw new IndexFetchError(`${target}: ${err.message}`);
      throw err;
    }
  }

  /** Download one file to `abs` (created new, private), checking the index's hash. */
  private async download(target: string, file: IndexFile, abs: string): Promise<{ sha256: string; bytes: number }> {
    const check = expectedHash(target, file);
    const sha256 = createHash('sha256');
    const other: Hash | undefined = check.algorithm === 'sha256' ? undefined : createHash(check.algorithm);
    const fd = openSync(abs, 'wx', 0o600);
    let bytes = 0;
    try {
      const res = await httpGet(new URL(file.url), {
        ...this.httpLimits(this.limits.fileBytes),
        accept: '*/*',
        acceptEncoding: 'identity',
        onChunk: (c) => {
          sha256.update(c);
          other?.update(c);
          writeSync(fd, c);
        },
      });
      bytes = res.bytes;
    } catch (err) {
      if (err instanceof HttpGetError) throw new IndexFetchError(`${target}: downloading ${file.filename}: ${err.message}`);
      throw err;
    } finally {
      closeSync(fd);
    }
    const hex = sha256.digest('hex');
    const got = other ? other.digest('hex') : hex;
    if (got !== check.digest) {
      throw new IndexFetchError(
        `${target}: ${file.filename} does not match the index's ${check.algorithm} (index ${check.digest.slice(0, 16)}…, downloaded ${got.slice(0, 16)}…): refused, nothing was audited`,
      );
    }
    return { sha256: hex, bytes };
  }

  private httpLimits(maxBytes: number) {
    return { maxBytes, timeoutMs: this.limits.timeoutMs, maxRedirects: this.limits.maxRedirects, ...(this.endpoint.auth ? { auth: this.endpoint.auth } : {}) };
  }

  private tempDir(): string {
    if (!this.dir) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'krait-pypi-'));
      trackTempDir(this.dir);
    }
    return this.dir;
  }

  cleanup(): void {
    if (this.dir) removeTempDir(this.dir);
    this.dir = undefined;
  }
}

/** Hex digest lengths of the algorithms checked, strongest-preferred order after sha256. */
const DIGESTS: [algorithm: 'sha256' | 'sha384' | 'sha512', hexLength: number][] = [
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
];

/**
 * The hash a download must match: the index's sha256, else its sha384 or sha512.
 * @throws IndexFetchError when the index gives none of them, or a malformed one
 */
function expectedHash(target: string, file: IndexFile): { algorithm: 'sha256' | 'sha384' | 'sha512'; digest: string } {
  for (const [algorithm, len] of DIGESTS) {
    const digest = file.hashes[algorithm];
    if (digest === undefined) continue;
    if (digest.length !== len || !/^[0-9a-f]+$/.test(digest)) throw new IndexFetchError(`${target}: the index's ${algorithm} for ${file.filename} is not a ${algorithm} digest: refused`);
    return { algorithm, digest };
  }
  throw new IndexFetchError(`${target}: the index gives no sha256 for ${file.filename}, so the download cannot be checked: refused`);
}

/**
 * A file name from the index as a name to write: the base name only, of the characters
 * sdist and wheel names use.
 * @throws IndexFetchError for anything else (`../x`, names with separators or controls)
 */
function safeFileName(target: string, filename: string): string {
  if (filename.length > 200 || !/^[A-Za-z0-9][A-Za-z0-9._+!-]*$/.test(filename)) {
    throw new IndexFetchError(`${target}: the index lists a file name krait does not write (${JSON.stringify(filename.slice(0, 80))})`);
  }
  return filename;
}
