/**
 * The score out of 25 (issue: reports), filled by `report/score.ts` and documented in
 * `docs/score.md`. Every field is derived from the report's findings and sections only,
 * so the same report always gives the same score.
 */
import type { Severity } from '../core/finding.js';

/** The seven score categories of `check-python-security-command.md`, in its order. */
export const SCORE_CATEGORY_IDS = [
  'code-scan',
  'secrets',
  'input-validation',
  'dependencies',
  'error-handling',
  'auth',
  'injection',
] as const;
export type ScoreCategoryId = (typeof SCORE_CATEGORY_IDS)[number];

/** One line under a category, e.g. `Hardcoded Secrets: 2` or `Pydantic Usage: ✅`. */
export interface ScoreCount {
  label: string;
  /** A count, or a yes/no check (`true` renders ✅, `false` ❌). */
  value: number | boolean;
  /** Short qualifier shown after the value, e.g. "no .env file found". */
  note?: string;
}

export interface ScoreCategory {
  id: ScoreCategoryId;
  /** Title as the seed prints it, e.g. 'BANDIT SCAN'. */
  title: string;
  /** Points kept, one decimal, 0 ≤ points ≤ max. */
  points: number;
  max: number;
  /** One-line status. */
  status: string;
  /** Findings that weighed on this category. */
  findings: number;
  /** Fraction of the category lost, 0…1 (before rounding), see docs/score.md. */
  deduction: number;
  /** The seed's per-category lines. */
  counts: ScoreCount[];
}

/** A critical or high finding, listed with its place in the code. */
export interface ScoreCriticalIssue {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
  fix?: string;
}

export interface ScoreAction {
  priority: 'URGENT' | 'IMPORTANT' | 'RECOMMENDED';
  text: string;
  /** The rule the action fixes, when it comes from findings. */
  ruleId?: string;
  /** How many findings it resolves. */
  count: number;
  /** Where (path:line of the first occurrence). */
  where?: string;
}

export interface Score {
  /** Sum of the category points, one decimal. */
  total: number;
  max: 25;
  /** Identifies the scoring method of docs/score.md; bumped when the method changes. */
  method: 'krait-score/2';
  /** 'critical' when any critical finding, else 'high' when any high … 'low'. */
  riskLevel: 'critical' | 'high' | 'medium' | 'low';
  categories: ScoreCategory[];
  strengths: string[];
  improvements: string[];
  critical: ScoreCriticalIssue[];
  /** At most three, most urgent first. */
  actions: ScoreAction[];
}
