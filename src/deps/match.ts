/**
 * Matching requirements against advisories.
 *
 * - A requirement with an exact version (`==`, `===`, a lock entry) is affected by an
 *   advisory when OSV's `IsVulnerable` says so for that version ({@link isAffected}).
 * - A range is never assumed to resolve to a particular version. The versions it admits
 *   are tested among the versions the advisory itself names (its explicit `versions`
 *   list and its event versions) plus the range's own bounds; the advisory is reported
 *   as a *range* match with the lowest and highest admitted affected versions.
 * - The suggested version is the lowest `fixed` version (above the current pin) that no
 *   advisory of the project affects — or, when every such version is affected by some
 *   other advisory, the lowest that fixes all matched ones.
 */
import { compareVersions, orderVersions, satisfies, specifierBoundaryVersions, versionsEqual, withVersionOrder, type VersionOrder } from './pep440.js';
import type { AdvisoryDatabase } from './database.js';
import { candidateVersions, fixedVersions, isAffected, type CompactAdvisory, type CompactAffected } from './osv.js';
import { advisorySeverity } from './severity.js';
import type { AdvisoryMatch, Requirement } from './types.js';

function allows(req: Requirement, v: string): boolean {
  if (req.specifierAnyOf?.length) return req.specifierAnyOf.some((s) => satisfies(v, s));
  return satisfies(v, req.specifier);
}

/** An OSV malicious-package entry (<https://github.com/ossf/malicious-packages>): id or an alias starting with `MAL-`. */
export function isMaliciousAdvisory(id: string, aliases: readonly string[] = []): boolean {
  return [id, ...aliases].some((x) => /^MAL-/i.test(x));
}

function toMatch(advisory: CompactAdvisory, affected: CompactAffected[], exact: boolean): AdvisoryMatch {
  const sev = advisorySeverity(advisory, affected[0]);
  const m: AdvisoryMatch = {
    id: advisory.id,
    aliases: advisory.aliases ?? [],
    summary: advisory.summary ?? '',
    severity: sev.severity,
    severitySource: sev.source,
    fixedVersions: fixedVersions(affected),
    url: advisory.url ?? `https://osv.dev/vulnerability/${advisory.id}`,
    exact,
  };
  if (isMaliciousAdvisory(advisory.id, advisory.aliases)) {
    // OSV's malicious-packages entries: installing any affected version runs the attacker's code.
    m.malicious = true;
    m.severity = 'critical';
  }
  if (sev.score !== undefined) m.cvssScore = sev.score;
  if (sev.vector) m.cvssVector = sev.vector;
  return m;
}

/**
 * Advisories affecting one requirement. Requirements without a version and without a
 * specifier that names versions (VCS, local paths, URLs) get no matches.
 */
export function matchRequirement(req: Requirement, db: AdvisoryDatabase): AdvisoryMatch[] {
  if (req.local || (req.vcs && !req.version)) return [];
  const entries = db.forPackage(req.normalizedName);
  if (!entries.length) return [];
  return withVersionOrder(orderOf(entries), () => matchEntries(req, entries));
}

/** Per project's advisory entries: the versions they name, ranked once (see {@link orderVersions}). */
const orders = new WeakMap<readonly { affected: CompactAffected[] }[], VersionOrder>();

type Entry = { advisory: CompactAdvisory; affected: CompactAffected[] };

function orderOf(entries: readonly { affected: CompactAffected[] }[]): VersionOrder {
  let got = orders.get(entries);
  if (!got) {
    const versions: string[] = [];
    for (const { affected } of entries) for (const a of affected) versions.push(...candidateVersions(a));
    orders.set(entries, (got = orderVersions(versions)));
  }
  return got;
}

function matchEntries(req: Requirement, entries: readonly Entry[]): AdvisoryMatch[] {
  const out: AdvisoryMatch[] = [];
  if (req.version) {
    for (const { advisory, affected } of entries) {
      if (affected.some((a) => isAffected(req.version as string, a))) out.push(toMatch(advisory, affected, true));
    }
    return out;
  }
  if (req.url) return [];
  const bounds = [...specifierBoundaryVersions(req.specifier), ...(req.specifierAnyOf ?? []).flatMap(specifierBoundaryVersions)];
  for (const { advisory, affected } of entries) {
    const hits = new Set<string>();
    for (const a of affected) {
      for (const v of [...candidateVersions(a), ...bounds]) if (allows(req, v) && isAffected(v, a)) hits.add(v);
    }
    if (!hits.size) continue;
    const sorted = [...hits].sort(compareVersions);
    const m = toMatch(advisory, affected, false);
    m.allowedAffected = { lowest: sorted[0], highest: sorted[sorted.length - 1], count: sorted.length };
    out.push(m);
  }
  return out;
}

/**
 * The lowest version that fixes every matched advisory (see the module comment), or
 * undefined when the advisories name no fix.
 * @param current the pinned version, if any: only versions above it are suggested
 */
export function suggestVersion(req: Requirement, matches: AdvisoryMatch[], db: AdvisoryDatabase): string | undefined {
  if (!matches.length) return undefined;
  const entries = db.forPackage(req.normalizedName);
  return withVersionOrder(orderOf(entries), () => suggestFrom(req, matches, entries));
}

function suggestFrom(req: Requirement, matches: AdvisoryMatch[], entries: readonly Entry[]): string | undefined {
  const matchedIds = new Set(matches.map((m) => m.id));
  const candidates = new Set<string>();
  for (const { affected } of entries) for (const v of fixedVersions(affected)) candidates.add(v);
  const sorted = [...candidates].filter((v) => !req.version || compareVersions(v, req.version) > 0).sort(compareVersions);
  const affectedBy = (v: string, onlyMatched: boolean): boolean =>
    entries.some(({ advisory, affected }) => (!onlyMatched || matchedIds.has(advisory.id)) && affected.some((a) => isAffected(v, a)));
  return sorted.find((v) => !affectedBy(v, false)) ?? sorted.find((v) => !affectedBy(v, true));
}

/**
 * The lowest release from which on no known advisory of a project applies: the lowest
 * `fixed` version that no advisory affects and above which no version the advisories name
 * is affected. Undefined when there is none (an advisory without a fix covers every later
 * version, as OSV malicious-package entries do).
 */
export function lowestVersionFreeOfAll(entries: readonly { affected: CompactAffected[] }[]): string | undefined {
  if (!entries.length) return undefined;
  return withVersionOrder(orderOf(entries), () => lowestFree(entries));
}

function lowestFree(entries: readonly { affected: CompactAffected[] }[]): string | undefined {
  const named = new Set<string>();
  const fixed = new Set<string>();
  for (const { affected } of entries) {
    for (const a of affected) for (const v of candidateVersions(a)) named.add(v);
    for (const v of fixedVersions(affected)) fixed.add(v);
  }
  const isHit = (v: string) => entries.some(({ affected }) => affected.some((a) => isAffected(v, a)));
  const names = [...named].sort(compareVersions);
  const hitAbove = names.map(isHit);
  // hitFrom[i]: some named version at index >= i is affected.
  const hitFrom: boolean[] = new Array<boolean>(names.length + 1).fill(false);
  for (let i = names.length - 1; i >= 0; i--) hitFrom[i] = hitFrom[i + 1] || hitAbove[i];
  for (const v of [...fixed].sort(compareVersions)) {
    if (isHit(v)) continue;
    const i = names.findIndex((n) => compareVersions(n, v) >= 0);
    if (i < 0 || !hitFrom[i]) return v;
  }
  return undefined;
}

/** Does `version` equal any of `list` (PEP 440)? */
export function inVersions(version: string, list: readonly string[]): boolean {
  return list.some((x) => versionsEqual(x, version));
}
