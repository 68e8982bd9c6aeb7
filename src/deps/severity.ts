/**
 * Severity of an advisory: from its CVSS vector (scored with `ae-cvss-calculator`,
 * which implements FIRST's CVSS 2.0, 3.0, 3.1 and 4.0 specifications), else from the
 * advisory's own rating (`database_specific.severity`, GHSA's LOW / MODERATE / HIGH /
 * CRITICAL), else unknown.
 *
 * Mapping of a score (krait's scale, close to NVD's CVSS v3 bands): ≥ 9.0 critical,
 * ≥ 7.0 high, ≥ 4.0 medium, otherwise low. Unknown severity is reported as `medium`
 * with `severitySource: 'unknown'`, so that it is neither hidden nor overstated.
 */
import type CvssModule from 'ae-cvss-calculator';
import { lazyRequire } from '../core/lazy.js';

/** Loaded when an advisory is first rated (start-up). */
const cvssLib = lazyRequire<typeof CvssModule>('ae-cvss-calculator');
import type { Severity } from '../core/finding.js';
import type { CompactAdvisory, CompactAffected } from './osv.js';

export interface SeverityInfo {
  severity: Severity;
  source: 'cvss' | 'database' | 'unknown';
  score?: number;
  vector?: string;
}

/** Map a CVSS base score (0–10) to krait's severity. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** Base score of a CVSS vector string, or undefined when the library cannot read it. */
export function cvssScore(vector: string): number | undefined {
  try {
    // The library types fromVector as `any`: this is the part of the CVSS 2/3/4 objects it returns that is used.
    const v = cvssLib().fromVector(vector) as { calculateScores(): { base?: unknown; overall?: unknown } | undefined } | undefined;
    const s = v?.calculateScores();
    const score = s?.base ?? s?.overall;
    return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
  } catch {
    return undefined;
  }
}

const DB_RATINGS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  minor: 'low',
};

const CVSS_ORDER = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/**
 * Severity of an advisory for one package. Prefers the highest-version CVSS vector
 * (v4, then v3, then v2) of the entry, then of the advisory; then the entry's or the
 * advisory's own rating.
 */
export function advisorySeverity(adv: CompactAdvisory, entry?: CompactAffected): SeverityInfo {
  const vectors = [...(entry?.cvss ?? []), ...(adv.severity ?? [])].sort((a, b) => {
    const ia = CVSS_ORDER.indexOf(a.type);
    const ib = CVSS_ORDER.indexOf(b.type);
    return (ia < 0 ? 9 : ia) - (ib < 0 ? 9 : ib);
  });
  for (const v of vectors) {
    const score = cvssScore(v.score);
    if (score !== undefined) return { severity: severityFromScore(score), source: 'cvss', score, vector: v.score };
  }
  for (const r of [entry?.severity, adv.databaseSeverity]) {
    const s = r ? DB_RATINGS[r.toLowerCase()] : undefined;
    if (s) return { severity: s, source: 'database' };
  }
  return { severity: 'medium', source: 'unknown' };
}
