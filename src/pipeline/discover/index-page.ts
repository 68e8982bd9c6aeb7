/**
 * A project's page on a Python package index, and the release krait fetches from it.
 *
 * - The page is read in either form of the simple repository API: PEP 691 JSON
 *   (`application/vnd.pypi.simple.v1+json`, checked with zod) or PEP 503 HTML (anchors
 *   read with htmlparser2's tokenizer, entities decoded, `<base href>` honoured). Hashes
 *   come from JSON `hashes` or the URL fragment (`#sha256=…`); PEP 592 yanking from JSON
 *   `yanked` or the `data-yanked` attribute.
 * - File names are matched to the project by the PEP 503 normalised name: wheels by the
 *   wheel file-name convention (PEP 427 / binary distribution format), sdists as
 *   `name-version.ext`; versions must be valid PEP 440. Anything else on the page is ignored.
 * - The release chosen is the one pip would pick without a specifier: the latest
 *   non-yanked final release (a pre-release only when there is no final one), or the
 *   version asked (PEP 440 equality: `1.0` is `1.0.0`), yanked files admitted then as PEP
 *   592 allows for an exact pin. From it: the sdist (`.tar.gz` preferred) and a pure-Python
 *   wheel (`py3-none-any`, `py2.py3-none-any`) when there is one.
 *
 * Sources: PEP 503, 691, 592, 625, 427; <https://packaging.python.org/en/latest/specifications/>.
 */
import { Parser } from 'htmlparser2';
import { z } from 'zod';
import { compareVersions, isPreRelease, isValidVersion, normalizeName, versionsEqual } from '../../deps/pep440.js';

/** One file listed on a project page. */
export interface IndexFile {
  filename: string;
  /** Absolute URL, fragment removed. */
  url: string;
  /** Hash algorithm (lower case) → hex digest (lower case). */
  hashes: Record<string, string>;
  /** PEP 592: false, or the reason it was yanked ('' when none was given). */
  yanked: string | false;
}

/** A page that cannot be read as either form of the simple API; the message is one line. */
export class IndexPageError extends Error {}

/** The `Accept` header of a page request: PEP 691 JSON preferred, HTML accepted. */
export const PAGE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';

const JsonPage = z.object({
  meta: z.object({ 'api-version': z.string() }),
  files: z.array(
    z.object({
      filename: z.string(),
      url: z.string(),
      hashes: z.record(z.string(), z.string()),
      yanked: z.union([z.boolean(), z.string()]).optional(),
    }),
  ),
});

/**
 * The files of a project page.
 * @param text the body, decoded as UTF-8
 * @param contentType the response's `Content-Type` (JSON when it names PEP 691's JSON type
 *   or plain `application/json`, else HTML)
 * @param pageUrl the URL the page came from (relative links are resolved against it)
 * @throws IndexPageError for JSON that is not PEP 691 version 1
 */
export function parseIndexPage(text: string, contentType: string, pageUrl: URL): { format: 'json' | 'html'; files: IndexFile[] } {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === JSON_TYPE || type === 'application/json') return { format: 'json', files: parseJsonPage(text, pageUrl) };
  return { format: 'html', files: parseHtmlPage(text, pageUrl) };
}

function parseJsonPage(text: string, pageUrl: URL): IndexFile[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new IndexPageError(`the index page ${pageUrl.host}${pageUrl.pathname} is not valid JSON`);
  }
  const page = JsonPage.safeParse(data);
  if (!page.success) throw new IndexPageError(`the index page ${pageUrl.host}${pageUrl.pathname} is not a PEP 691 project page (meta, files with filename, url and hashes)`);
  const major = page.data.meta['api-version'].split('.')[0];
  if (major !== '1') throw new IndexPageError(`the index speaks simple API version ${page.data.meta['api-version'].slice(0, 20)}; krait reads version 1 (PEP 691)`);
  const out: IndexFile[] = [];
  for (const f of page.data.files) {
    const url = resolveUrl(f.url, pageUrl);
    if (!url) continue;
    const hashes: Record<string, string> = {};
    for (const [k, v] of Object.entries(f.hashes)) hashes[k.toLowerCase()] = v.toLowerCase();
    const yanked = f.yanked === undefined || f.yanked === false ? false : f.yanked === true ? '' : f.yanked;
    out.push({ filename: f.filename, url: url.href, hashes, yanked });
  }
  return out;
}

/** PEP 503 anchors: the text is the file name, the fragment its hash, `data-yanked` its yanking. */
function parseHtmlPage(text: string, pageUrl: URL): IndexFile[] {
  const out: IndexFile[] = [];
  let base = pageUrl;
  let open: { href: string; yanked: string | false; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs['href'] !== undefined && base === pageUrl) base = resolveUrl(attrs['href'], pageUrl) ?? pageUrl;
        if (name !== 'a' || attrs['href'] === undefined) return;
        open = { href: attrs['href'], yanked: attrs['data-yanked'] ?? false, text: '' };
      },
      ontext(t) {
        if (open && open.text.length < 1024) open.text += t;
      },
      onclosetag(name) {
        if (name !== 'a' || !open) return;
        const a = open;
        open = undefined;
        const url = resolveUrl(a.href, base);
        if (!url) return;
        const hashes: Record<string, string> = {};
        const frag = /^#([a-z0-9_]+)=([0-9a-fA-F]+)$/i.exec(url.hash);
        if (frag) hashes[frag[1].toLowerCase()] = frag[2].toLowerCase();
        url.hash = '';
        const filename = a.text.trim() || decodeURIComponentSafe(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
        out.push({ filename, url: url.href, hashes, yanked: a.yanked });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(text);
  parser.end();
  return out;
}

function resolveUrl(href: string, base: URL): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a file name says: an sdist or a wheel of the project, its version, and whether a wheel is pure Python 3. */
export interface Distribution {
  kind: 'sdist' | 'wheel';
  version: string;
  /** A wheel whose tags are `py3`/`py2.py3`, `none`, `any`. */
  pure: boolean;
}

/** Sdist extensions in order of preference (PEP 625 names `.tar.gz`; older releases used the others). */
const SDIST_EXTENSIONS = ['.tar.gz', '.zip', '.tar.bz2', '.tgz', '.tar.xz', '.tar'];

/**
 * The distribution a file name describes, when it is an sdist or a wheel of `project` (a
 * PEP 503 normalised name) with a valid PEP 440 version; undefined otherwise (eggs,
 * installers, other projects' files, legacy versions).
 */
export function distributionOf(filename: string, project: string): Distribution | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    if (parts.length !== 5 && parts.length !== 6) return undefined;
    if (normalizeName(parts[0]) !== project || !isValidVersion(parts[1])) return undefined;
    const [py, abi, plat] = parts.slice(-3).map((t) => t.toLowerCase().split('.'));
    const pure = py.some((t) => /^py3\d*$/.test(t)) && abi.includes('none') && plat.includes('any');
    return { kind: 'wheel', version: parts[1], pure };
  }
  const ext = SDIST_EXTENSIONS.find((e) => lower.endsWith(e));
  if (!ext) return undefined;
  const stem = filename.slice(0, -ext.length);
  // The name may hold `-` itself: the version is what follows the first `-` after a prefix
  // that normalises to the project's name.
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    if (normalizeName(stem.slice(0, i)) !== project) continue;
    const version = stem.slice(i + 1);
    return isValidVersion(version) ? { kind: 'sdist', version, pure: false } : undefined;
  }
  return undefined;
}

/** The release chosen on a page, and the files krait fetches from it. */
export interface ChosenRelease {
  /** The version as the file names write it. */
  version: string;
  sdist?: IndexFile;
  /** A pure-Python wheel, when the release has one. */
  wheel?: IndexFile;
  /** Set when the files fetched are yanked (only for a pinned version): the reason, or ''. */
  yanked?: string;
}

/**
 * Choose the release and its files (see the module comment).
 * @param project the PEP 503 normalised project name
 * @param wanted the version asked (`pypi:NAME==VERSION`), or undefined for the latest
 * @throws IndexPageError when the page has no such release, every release is yanked, or the
 *   release has neither an sdist nor a pure-Python wheel
 */
export function chooseRelease(files: IndexFile[], project: string, wanted?: string): ChosenRelease {
  const dists = files.flatMap((f) => {
    const d = distributionOf(f.filename, project);
    return d ? [{ f, d }] : [];
  });
  if (!dists.length) throw new IndexPageError(`the index lists no sdist or wheel of ${project}`);
  let version: string;
  if (wanted !== undefined) {
    const hit = dists.find((x) => versionsEqual(x.d.version, wanted));
    if (!hit) throw new IndexPageError(`the index lists no release ${wanted} of ${project} (latest: ${latest(dists.filter((x) => x.f.yanked === false)) ?? 'none'})`);
    version = hit.d.version;
  } else {
    const live = dists.filter((x) => x.f.yanked === false);
    if (!live.length) throw new IndexPageError(`every file of ${project} on the index is yanked; ask for a version with pypi:${project}==VERSION`);
    version = latest(live)!;
  }
  const mine = dists.filter((x) => versionsEqual(x.d.version, version));
  const live = mine.filter((x) => x.f.yanked === false);
  // PEP 592: yanked files are for exact pins only, and only when nothing else is there.
  const usable = live.length ? live : mine;
  const sdists = usable.filter((x) => x.d.kind === 'sdist');
  const sdist = SDIST_EXTENSIONS.map((e) => sdists.find((x) => x.f.filename.toLowerCase().endsWith(e))).find(Boolean)?.f;
  const wheel = usable
    .filter((x) => x.d.kind === 'wheel' && x.d.pure)
    .map((x) => x.f)
    .sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0))[0];
  if (!sdist && !wheel) {
    const n = usable.length;
    throw new IndexPageError(
      `${project} ${version} has neither an sdist nor a pure-Python wheel on the index (${n} platform-specific wheel${n === 1 ? '' : 's'}: krait audits source, not compiled builds)`,
    );
  }
  const out: ChosenRelease = { version, ...(sdist ? { sdist } : {}), ...(wheel ? { wheel } : {}) };
  if (!live.length) out.yanked = [sdist, wheel].map((f) => (f && f.yanked !== false ? f.yanked : '')).find(Boolean) ?? '';
  return out;
}

/** The latest version among these files: final releases first, a pre-release only when there is no final one. */
function latest(dists: { d: Distribution }[]): string | undefined {
  const versions = dists.map((x) => x.d.version);
  const finals = versions.filter((v) => !isPreRelease(v));
  const pool = finals.length ? finals : versions;
  return pool.sort(compareVersions).at(-1);
}
