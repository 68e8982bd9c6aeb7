/**
 * OSV advisories: the compact record krait stores, the conversion from a full OSV
 * document, and the evaluation of `affected` entries exactly as the OSV schema's
 * pseudocode (<https://ossf.github.io/osv-schema/#evaluation>):
 *
 * ```
 * IsVulnerable(pkg, v):  v in affected.versions  or  IncludedInRanges(v, affected.ranges)
 * IncludedInRanges: for each range (ECOSYSTEM/SEMVER; GIT ignored) that is BeforeLimits(v),
 *   vulnerable = false; for evt in sorted(events):
 *     introduced and v >= introduced → true; fixed and v >= fixed → false;
 *     last_affected and v > last_affected → false
 *   if vulnerable → true
 * BeforeLimits: no limit events → true; else some limit with v < limit.
 * ```
 *
 * `introduced: "0"` sorts before every version; a `limit` of `*` after every version.
 * Versions compare with PEP 440 ({@link compareVersions}), the PyPI ecosystem's order.
 */
import { compareVersions, currentVersionOrder, normalizeName, versionRank, versionsEqual, type VersionOrder } from './pep440.js';

/** One range event (exactly one key set, as in OSV). */
export type OsvEvent = { introduced?: string; fixed?: string; last_affected?: string; limit?: string };

export interface CompactRange {
  type: string;
  events: OsvEvent[];
}

/** The part of an OSV `affected[]` entry krait keeps (PyPI only). */
export interface CompactAffected {
  /** PEP 503 normalised PyPI name. */
  name: string;
  ranges: CompactRange[];
  versions?: string[];
  /** `database_specific.severity` / `ecosystem_specific.severity` of this entry. */
  severity?: string;
  cvss?: { type: string; score: string }[];
}

/** The stored advisory (see `scripts/build-advisories.mjs`, which writes the same shape). */
export interface CompactAdvisory {
  id: string;
  aliases?: string[];
  summary?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
  modified?: string;
  severity?: { type: string; score: string }[];
  /** `database_specific.severity` (GHSA: LOW / MODERATE / HIGH / CRITICAL). */
  databaseSeverity?: string;
  url?: string;
  affected: CompactAffected[];
}

/** The compiled database file's shape (`data/advisories.json.gz`, or the cached OSV export). */
export interface CompactDatabase {
  format: 1;
  source: string;
  repository?: string;
  commit?: string;
  /** Snapshot date, `YYYY-MM-DD`. */
  date: string;
  newestModified?: string;
  license?: string;
  /** Number of advisories, written before them so that a header read finds it (absent in files of older versions). */
  count?: number;
  advisories: CompactAdvisory[];
}

/**
 * The parts of an OSV document (https://ossf.github.io/osv-schema/) that krait keeps. A file
 * in the database may be hostile or malformed, so every field may be missing or of another
 * type: each is checked where it is read.
 */
interface OsvDoc {
  id?: unknown;
  withdrawn?: unknown;
  aliases?: unknown;
  summary?: unknown;
  details?: unknown;
  published?: unknown;
  modified?: unknown;
  severity?: unknown;
  affected?: unknown;
  references?: unknown;
  database_specific?: { severity?: unknown } | null;
}

/** One `affected[]` entry of an OSV document. */
interface OsvAffected {
  package?: { ecosystem?: unknown; name?: unknown } | null;
  ranges?: unknown;
  versions?: unknown;
  severity?: unknown;
  database_specific?: { severity?: unknown } | null;
  ecosystem_specific?: { severity?: unknown } | null;
}

/** One `ranges[]` entry, one `severity[]` entry and one `references[]` entry. */
interface OsvRange {
  type?: unknown;
  events?: unknown;
}
interface OsvSeverityEntry {
  type?: unknown;
  score?: unknown;
}
interface OsvReference {
  type?: unknown;
  url?: unknown;
}

/** A field of a hostile document as text (`String` of whatever JSON value it holds). */
function text(v: unknown): string {
  return String(v);
}

/**
 * A sentence that only describes the project ("aiohttp is an asynchronous HTTP client/server
 * framework…", "This affects the package jinja2 from 0.0.0…"): OSV `details` taken from
 * NVD often open with one, which says nothing about the flaw.
 */
const DESCRIBES_PROJECT = /^(?!There |It |This |That )[^.!?]{0,80}?\b(?:is|are)\s+(?:a|an|the)\s/i;
/** The first sentence (at least 20 characters; `e.g.`, `i.e.` and `vs.` do not end one). */
const SENTENCE = /^(.{20,}?(?<!\b(?:e\.g|i\.e|vs))[.!?])(\s|$)/;
const AFFECTS_PACKAGE = /^This affects (?:all versions of )?(?:the )?package\b/i;
const NAMES_FLAW = /vulnerab|attacker|inject|overflow|over-?read|infinite loop|denial of service|\bdos\b|bypass|crash|segfault|exploit|xss|cross-site|segv|escalat|disclos|travers|forgery|csrf|ssrf|flaw/i;

/**
 * The advisory's one-line summary: its `summary`, else the first sentence of `details` that
 * says something about the flaw (leading sentences that only describe the project are
 * skipped when another follows), at most 200 characters.
 */
function summaryOf(doc: OsvDoc): string {
  const own = typeof doc.summary === 'string' && doc.summary.trim() !== '';
  const text = String(own ? doc.summary : (doc.details ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return '';
  let rest = text;
  let sentence = SENTENCE.exec(rest)?.[1] ?? rest;
  for (let i = 0; !own && i < 5 && sentence.length < rest.length; i++) {
    if (!AFFECTS_PACKAGE.test(sentence) && !(DESCRIBES_PROJECT.test(sentence) && !NAMES_FLAW.test(sentence))) break;
    rest = rest.slice(sentence.length).trim();
    sentence = SENTENCE.exec(rest)?.[1] ?? rest;
  }
  return sentence.length > 200 ? sentence.slice(0, 199) + '…' : sentence;
}

/**
 * Convert a full OSV document to the compact record, keeping only PyPI entries and
 * ECOSYSTEM/SEMVER ranges. Returns undefined for withdrawn advisories and advisories
 * without a PyPI entry. Mirrors `scripts/build-advisories.mjs` (a test checks that both
 * give the same records for the shipped snapshot).
 */
export function compactOsv(doc: unknown): CompactAdvisory | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as OsvDoc;
  if (typeof d.id !== 'string' || d.withdrawn) return undefined;
  const affected: CompactAffected[] = [];
  for (const a of (Array.isArray(d.affected) ? d.affected : []) as (OsvAffected | null | undefined)[]) {
    if (a?.package?.ecosystem !== 'PyPI' || !a.package.name) continue;
    const ranges: CompactRange[] = ((a.ranges ?? []) as OsvRange[])
      .filter((r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER')
      .map((r) => ({
        type: String(r.type),
        events: ((r.events ?? []) as Record<string, unknown>[]).map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)])) as OsvEvent),
      }));
    const entry: CompactAffected = { name: normalizeName(text(a.package.name)), ranges };
    if (Array.isArray(a.versions) && a.versions.length) entry.versions = a.versions.map(String);
    const dbSev = a.database_specific?.severity ?? a.ecosystem_specific?.severity;
    if (typeof dbSev === 'string') entry.severity = dbSev;
    if (Array.isArray(a.severity) && a.severity.length) entry.cvss = (a.severity as OsvSeverityEntry[]).map((s) => ({ type: String(s.type), score: String(s.score) }));
    affected.push(entry);
  }
  if (!affected.length) return undefined;
  const rec: CompactAdvisory = { id: d.id, affected: [] };
  if (Array.isArray(d.aliases) && d.aliases.length) rec.aliases = d.aliases.map(String);
  const summary = summaryOf(d);
  if (summary) rec.summary = summary;
  if (d.published) rec.published = text(d.published).slice(0, 10);
  if (d.modified) rec.modified = text(d.modified);
  if (Array.isArray(d.severity) && d.severity.length) rec.severity = (d.severity as OsvSeverityEntry[]).map((s) => ({ type: String(s.type), score: String(s.score) }));
  const dbSev = d.database_specific?.severity;
  if (typeof dbSev === 'string') rec.databaseSeverity = dbSev;
  const ref = ((d.references ?? []) as (OsvReference | null | undefined)[]).find((r) => r?.type === 'ADVISORY')?.url;
  if (typeof ref === 'string') rec.url = ref;
  rec.affected = affected;
  return rec;
}

/** The version of an event, and its sort key. */
function eventVersion(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

/** Order of event versions: `0` first, `*` last, PEP 440 in between. */
function compareEventVersions(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  if (a === '*') return 1;
  if (b === '*') return -1;
  return compareVersions(a, b);
}

/** Compare a version with an event version (`0` is below everything, `*` above). */
function cmp(v: string, ev: string): number {
  if (ev === '0') return 1;
  if (ev === '*') return -1;
  return compareVersions(v, ev);
}

/** OSV `BeforeLimits`. */
export function beforeLimits(v: string, range: CompactRange): boolean {
  const limits = range.events.filter((e) => e.limit !== undefined);
  if (!limits.length) return true;
  return limits.some((e) => cmp(v, e.limit as string) < 0);
}

/** A range's events in version order (`0` first, `*` last, ties in written order), sorted once per range. */
const sortedEvents = new WeakMap<CompactRange, CompactRange['events']>();

/** OSV `IncludedInRanges` for one range (ECOSYSTEM / SEMVER; other types never include). */
export function includedInRange(v: string, range: CompactRange): boolean {
  if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') return false;
  if (!beforeLimits(v, range)) return false;
  let sorted = sortedEvents.get(range);
  if (!sorted) {
    sorted = range.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => compareEventVersions(eventVersion(a.e), eventVersion(b.e)) || a.i - b.i)
      .map((x) => x.e);
    sortedEvents.set(range, sorted);
  }
  let vulnerable = false;
  for (const evt of sorted) {
    if (evt.introduced !== undefined && cmp(v, evt.introduced) >= 0) vulnerable = true;
    else if (evt.fixed !== undefined && cmp(v, evt.fixed) >= 0) vulnerable = false;
    else if (evt.last_affected !== undefined && cmp(v, evt.last_affected) > 0) vulnerable = false;
  }
  return vulnerable;
}

/** OSV `IsVulnerable` for one `affected` entry: explicit versions (PEP 440 equality) or any range. */
export function isAffected(v: string, affected: CompactAffected): boolean {
  if (affected.versions?.length) {
    const r = versionRank(v);
    const ranks = r === undefined ? undefined : versionRanks(affected.versions);
    if (ranks ? ranks.has(r!) : affected.versions.some((x) => versionsEqual(v, x))) return true;
  }
  return affected.ranges.some((r) => includedInRange(v, r));
}

/** The ranks of an explicit version list in the active order (see {@link withVersionOrder}); undefined when it does not rank them all. */
function versionRanks(versions: readonly string[]): Set<number> | undefined {
  let got = rankSets.get(versions);
  if (got && got.order === currentVersionOrder()) return got.ranks;
  const ranks = new Set<number>();
  for (const x of versions) {
    const r = versionRank(x);
    if (r === undefined) return undefined;
    ranks.add(r);
  }
  rankSets.set(versions, (got = { order: currentVersionOrder(), ranks }));
  return ranks;
}
const rankSets = new WeakMap<readonly string[], { order: VersionOrder | null; ranks: Set<number> }>();

/** Every `fixed` version named by an entry, ascending (deduplicated). */
export function fixedVersions(affected: CompactAffected[]): string[] {
  const out: string[] = [];
  for (const a of affected) for (const r of a.ranges) for (const e of r.events) if (e.fixed !== undefined && !out.some((x) => versionsEqual(x, e.fixed as string))) out.push(e.fixed);
  return out.sort(compareVersions);
}

/**
 * Versions worth testing against a range requirement: the entry's explicit versions
 * and its event versions (introduced, fixed, last_affected, limit), minus `0` and `*`.
 */
export function candidateVersions(affected: CompactAffected): string[] {
  const set = new Set<string>(affected.versions ?? []);
  for (const r of affected.ranges) for (const e of r.events) {
    const v = eventVersion(e);
    if (v && v !== '0' && v !== '*') set.add(v);
  }
  return [...set];
}
