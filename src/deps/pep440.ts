/**
 * PEP 440 versions and specifiers, through `@renovatebot/pep440` (a port of
 * `packaging.version` / `packaging.specifiers`), plus the few things krait adds:
 * an order that also accepts the legacy (non-PEP 440) versions found in old PyPI
 * releases, exact-pin detection, and PEP 503 name normalisation.
 *
 * Source of the rules: PEP 440 (<https://peps.python.org/pep-0440/>), PEP 503
 * (<https://peps.python.org/pep-0503/#normalized-names>).
 */
import * as pep440 from '@renovatebot/pep440';

/** PEP 503 normalised project name: lower case, runs of `-_.` become one `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** True when `v` is a valid PEP 440 version. */
export function isValidVersion(v: string): boolean {
  return pep440.valid(v) !== null;
}

/**
 * Total order over version strings: PEP 440 order for valid versions; a version that
 * is not PEP 440 ("legacy", e.g. `0.1-bulbasaur`, `2019-09-12`) sorts before every valid
 * one and legacy versions compare as lower-cased strings — the order `packaging`'s
 * `LegacyVersion` used and the one OSV's PyPI comparator falls back to.
 * `"0"` (OSV's "since the beginning") is the lowest valid version.
 * @returns negative, zero or positive, like `Array.prototype.sort` expects.
 */
export function compareVersions(a: string, b: string): number {
  if (activeOrder) {
    const ra = activeOrder.get(a);
    if (ra !== undefined) {
      const rb = activeOrder.get(b);
      if (rb !== undefined) return ra - rb;
    }
  }
  // Matching a project against its advisories compares the same few hundred version
  // strings again and again (every version an advisory names against every range event),
  // and the library parses both strings on each call: the answers are kept per pair.
  let row = compared.get(a);
  if (!row) {
    if (compared.size >= MAX_COMPARED) compared.clear();
    compared.set(a, (row = new Map<string, number>()));
  }
  let c = row.get(b);
  if (c === undefined) row.set(b, (c = compareUncached(a, b)));
  return c;
}

/** Answers of {@link compareVersions} by first and second version (cleared when it holds {@link MAX_COMPARED} first versions). */
const compared = new Map<string, Map<string, number>>();
const MAX_COMPARED = 4096;

function compareUncached(a: string, b: string): number {
  const va = pep440.valid(a) !== null;
  const vb = pep440.valid(b) !== null;
  if (va && vb) return pep440.compare(a, b);
  if (va) return 1;
  if (vb) return -1;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/**
 * A total order of some version strings: each string's rank in {@link compareVersions}'
 * order, versions equal under PEP 440 (`1.0`, `1.0.0`) sharing one rank.
 */
export type VersionOrder = ReadonlyMap<string, number>;

/** The order {@link compareVersions} consults first (see {@link withVersionOrder}). */
let activeOrder: VersionOrder | null = null;

/**
 * Rank `versions` once, sorting them with the library's comparison (n log n comparisons):
 * matching a project against its advisories then compares versions by rank. Django's
 * advisories name about a thousand versions, and testing each against every range and
 * explicit list made several hundred thousand comparisons.
 */
export function orderVersions(versions: Iterable<string>): VersionOrder {
  const list = [...new Set(versions)].sort(compareVersions);
  const ranks = new Map<string, number>();
  let r = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && compareVersions(list[i - 1], list[i]) !== 0) r++;
    ranks.set(list[i], r);
  }
  return ranks;
}

/** Run `fn` with {@link compareVersions} answering from `order` for two versions it ranks (the library for the rest). */
export function withVersionOrder<T>(order: VersionOrder, fn: () => T): T {
  const prev = activeOrder;
  activeOrder = order;
  try {
    return fn();
  } finally {
    activeOrder = prev;
  }
}

/** The order {@link withVersionOrder} set, if any. */
export function currentVersionOrder(): VersionOrder | null {
  return activeOrder;
}

/** The rank of `v` in the order {@link withVersionOrder} set, if it ranks it. */
export function versionRank(v: string): number | undefined {
  return activeOrder?.get(v);
}

/** PEP 440 equality (`1.0` == `1.0.0`, `1.0RC1` == `1.0rc1`), string equality for legacy versions. */
export function versionsEqual(a: string, b: string): boolean {
  return compareVersions(a, b) === 0;
}

/**
 * True for a pre-release or development release (`1.0rc1`, `2.0b3`, `3.1.dev2`): pip
 * installs one only when asked or when no final release exists. False for an invalid version.
 */
export function isPreRelease(v: string): boolean {
  return pep440.explain(v)?.is_prerelease ?? false;
}

/** True when the specifier string is valid PEP 440 (`''` = any version is valid). */
export function isValidSpecifier(spec: string): boolean {
  return spec.trim() === '' || pep440.validRange(spec);
}

/**
 * Whether `version` satisfies the PEP 440 specifier `spec` (`''` = any). Pre-releases
 * are admitted (krait asks "could this version be installed", not "would pip pick it").
 * An invalid specifier or version gives `false`.
 */
export function satisfies(version: string, spec: string): boolean {
  if (spec.trim() === '') return true;
  if (!isValidVersion(version)) return false;
  try {
    return pep440.satisfies(version, spec, { prereleases: true });
  } catch {
    return false;
  }
}

/**
 * The exact version a specifier pins, or undefined: `==1.2.3` and `===1.2.3` pin;
 * `==1.2.*`, ranges and several clauses do not (a clause list pins only when one of
 * its clauses is an exact `==`, e.g. `==1.2.3,!=1.2.4`).
 */
export function pinnedVersion(spec: string): string | undefined {
  const clauses = spec
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const c of clauses) {
    const m = /^(===?)\s*([^\s*]+)$/.exec(c);
    if (m && m[2] && !m[2].endsWith('.*')) return m[2];
  }
  return undefined;
}

/**
 * True when the specifier has an upper bound (so a future major release cannot be
 * installed silently): `<`, `<=`, `==` (without a trailing `.*` it pins; with it it still
 * bounds), `~=`, `===`.
 */
export function hasUpperBound(spec: string): boolean {
  return spec
    .split(',')
    .map((c) => c.trim())
    .some((c) => /^(<|<=|==|~=|===)/.test(c) && !/^<>/.test(c));
}

/** Lower bounds named by a specifier (`>=2.0` → `2.0`, `~=1.4.2` → `1.4.2`, `==3.*` → `3`). */
export function specifierBoundaryVersions(spec: string): string[] {
  const out: string[] = [];
  for (const c of spec.split(',')) {
    const m = /^\s*(~=|==|===|>=|>|<=|<|!=)\s*([^\s]+)\s*$/.exec(c);
    if (!m || !m[2]) continue;
    const v = m[2].replace(/\.\*$/, '');
    if (isValidVersion(v)) out.push(v);
  }
  return out;
}
