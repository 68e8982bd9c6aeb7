/**
 * The JSON report (`--format json`): the `Report` model as JSON, described by
 * `schema/report.schema.json` (versioned by `REPORT_SCHEMA_VERSION`).
 */
import type { Report } from './model.js';
import { computeScore } from './score.js';

/**
 * Keys that come first, in this order, wherever they appear; all other keys follow in
 * code-point order. So the same report always serialises to the same bytes, and a reader
 * sees `ruleId`, `severity` and `location` before the long fields.
 */
const KEY_ORDER = [
  'schemaVersion', 'tool', 'name', 'version', 'startedAt', 'durationMs', 'targets',
  'score', 'total', 'max', 'method', 'riskLevel',
  'id', 'ruleId', 'ruleName', 'title', 'path', 'kind', 'category', 'severity', 'confidence', 'cwe',
  'message', 'location', 'startLine', 'startColumn', 'endLine', 'endColumn', 'line',
  'snippet', 'fix', 'trace', 'fingerprint', 'properties', 'status', 'verdict', 'kind', 'reason', 'relatedRuleIds',
  'files', 'skipped', 'diagnostics', 'findings', 'suppressedCount', 'dismissed', 'suppressed',
  'metrics', 'egress', 'dependencies', 'posture', 'checksPerformed',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `value` whose object keys are in the stable order above; `undefined` dropped. */
export function stableOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : stableOrder(v)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = stableOrder(v);
    }
    return out;
  }
  return value;
}

/**
 * Render the report as JSON (2-space indent, stable key order, trailing newline). The
 * score is computed when the report has none, so the output always carries it.
 */
export function renderJson(report: Report): string {
  const withScore: Report = report.score ? report : { ...report, score: computeScore(report) };
  return JSON.stringify(stableOrder(withScore), null, 2) + '\n';
}
