/**
 * The finding: the one shape every analysis reports, so that every output format,
 * the baseline and the score treat code, secrets, dependency and posture results alike.
 */

/** Severity levels, from most to least urgent (the seeds' scale). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Confidence that a finding is a true positive (bandit's scale). */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/**
 * Categories of findings. The first seven are the score's categories
 * (`../shared/seeds/check-python-security-command.md`: code scan 6, secrets 5,
 * input validation 4, dependencies 4, error handling 3, auth 2, injection 1);
 * the others are reported but weigh on the score only through the documented rules
 * in `report/score.ts`.
 */
export const CATEGORIES = [
  'code',
  'secrets',
  'input-validation',
  'dependencies',
  'error-handling',
  'auth',
  'injection',
  'config',
  'egress',
  'quality',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A source range. Lines are 1-based; columns are 0-based UTF-16 code units (as in JS strings). */
export interface Location {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** One step of a data-flow trace, from source to sink. */
export interface TraceStep {
  location: Location;
  /** What happens at this step, e.g. "request.args.get('q') (source: HTTP request)". */
  message: string;
  kind: 'source' | 'step' | 'sink';
}

/** One replacement in a source file: lines 1-based, columns 0-based UTF-16 code units (as {@link Location}). */
export interface TextEdit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The new text ('' deletes the range). */
  text: string;
}

/**
 * A mechanical rewrite that removes the finding, applied by `krait fix`. `safe` keeps the
 * program's behaviour; `unsafe` may change it (applied only with `--unsafe-fixes`).
 * `minPython` is the oldest Python the rewritten code runs on ('3.9').
 */
export interface Autofix {
  description: string;
  safety: 'safe' | 'unsafe';
  minPython?: string;
  edits: TextEdit[];
  /**
   * The finding's own code before and after the fix (the changed lines only), the changed
   * line of `after` ending with a short `# krait: …` comment; for reports.
   */
  preview?: { startLine: number; before: string; after: string };
}

/**
 * How a data-flow finding can be reached from outside, for a reader to check by hand:
 * the route, the parameter, a request that demonstrates it and the impact. Text only:
 * krait never sends it.
 */
export interface ProofOfConcept {
  kind: 'http' | 'cli';
  /** HTTP method ('' for a CLI entry point). */
  method: string;
  /** URL pattern of the route, or the command name. */
  path: string;
  /** The request parameter (or argument) that reaches the sink. */
  parameter: string;
  /** Where the parameter travels. */
  in: 'query' | 'form' | 'json' | 'path' | 'cookie' | 'header' | 'file' | 'argv';
  /** A value that shows the flaw for this sink kind. */
  payload: string;
  /** A `curl` line (or command line) that sends the payload. */
  request: string;
  /** What an attacker gains, in one sentence. */
  impact: string;
}

/**
 * What became of a finding. Exactly one applies, with this precedence (the first that holds
 * wins): `suppressed` (a comment in the code: `# nosec`, `# noqa`, `# pragma: allowlist
 * secret`, or the configuration's fingerprint allowlist) > `dismissed` (the reasoning layer
 * judged it not exploitable: see {@link Verdict}) > `baselined` (recorded in `--baseline`) >
 * `active`. Only active findings count towards the score and the exit code and appear in
 * SARIF results (unless asked for) and the text findings list.
 */
export const FINDING_STATUSES = ['active', 'suppressed', 'dismissed', 'baselined'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * The reasoning layer's judgement on a pattern finding whose risk depends on what reaches
 * the flagged argument: `reachable` (an untrusted source reaches it; a trace is attached),
 * `constant` (a literal or folded constant), `sanitised` (a sanitiser or guard for this sink
 * kind on every path), `safe-configuration` (e.g. an XML parser whose external entities stay
 * off), `unknown` (nothing proven either way). `constant`, `sanitised` and
 * `safe-configuration` dismiss the finding by default.
 */
export const VERDICT_KINDS = ['reachable', 'constant', 'sanitised', 'safe-configuration', 'non-security-use', 'unknown'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface Verdict {
  kind: VerdictKind;
  /** One sentence a reader can check: the constant, the guard, the sanitiser, the source. */
  reason: string;
}

export interface Finding {
  /** 'B602' for a bandit-compatible check, 'KR…' for krait's own checks. */
  ruleId: string;
  /** Kebab-case rule name, e.g. 'subprocess-popen-with-shell-equals-true'. */
  ruleName: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  /** MITRE CWE ids, the most specific first. */
  cwe: number[];
  message: string;
  location: Location;
  /** The source lines around the finding (secrets already masked). */
  snippet: string;
  /** What to write instead. */
  fix?: string;
  /** Data-flow findings: source → steps → sink. */
  trace?: TraceStep[];
  /** Data-flow findings from an HTTP route or CLI entry point: how to reach the sink. */
  proof?: ProofOfConcept;
  /** A mechanical rewrite of the flagged code (`krait fix`), when its secure form is certain. */
  autofix?: Autofix;
  /**
   * Stable identifier across unrelated edits: a hash of the rule id, the path and the
   * normalised text of the flagged line(s) plus an occurrence index, never the line number.
   */
  fingerprint: string;
  /** Free-form, analysis-specific data (e.g. advisory ids for a dependency finding). */
  properties?: Record<string, unknown>;
  /** In an installed environment (environment mode): the distribution the flagged file belongs to. */
  distribution?: { name: string; version: string };
  /** What became of the finding (absent: `active`). */
  status?: FindingStatus;
  /** The reasoning layer's verdict, for pattern findings it judged. */
  verdict?: Verdict;
  /** Other rules that reported the same place (a data-flow rule merged into a pattern finding). */
  relatedRuleIds?: string[];
  /** For a suppressed or baselined finding: what silenced it, and the justification written next to it. */
  suppression?: Suppression;
}

/** What silenced a finding (see {@link FindingStatus}). */
export interface Suppression {
  /** `nosec`/`noqa`/`pragma`: a comment in the code; `allowlist`: the configuration's fingerprint allowlist; `baseline`: `--baseline`. */
  by: 'nosec' | 'noqa' | 'pragma' | 'allowlist' | 'baseline';
  /** The comment as written (`# nosec B602 -- reviewed`), for comment suppressions. */
  comment?: string;
  /** The reason written after the IDs, when one was given. */
  justification?: string;
}

/** Numeric rank of a severity: critical = 4 … info = 0. */
export function severityRank(s: Severity): number {
  return 4 - SEVERITIES.indexOf(s);
}

/** Numeric rank of a confidence: high = 2 … low = 0. */
export function confidenceRank(c: Confidence): number {
  return 2 - CONFIDENCES.indexOf(c);
}

/** Sort order used everywhere: severity desc, then path, line, column, rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
