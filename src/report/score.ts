/**
 * The score out of 25, after `check-python-security-command.md` ("Step 9: Calculate
 * Score"): code scan 6, secrets 5, input validation 4, dependencies 4, error handling 3,
 * auth 2, injection 1. The method is written down in `docs/score.md` so that a reader can
 * recompute every number from the findings; keep the two in step (and bump
 * `Score.method` when the method changes).
 */
import { severityRank, confidenceRank, compareFindings } from '../core/finding.js';
import type { Category, Confidence, Finding, Severity } from '../core/finding.js';
import type { Report } from './model.js';
import type { Score, ScoreAction, ScoreCategory, ScoreCategoryId, ScoreCount, ScoreCriticalIssue } from './score-types.js';

/** Points and seed titles of the seven categories, in the seed's order. */
export const SCORE_CATEGORIES: ReadonlyArray<{ id: ScoreCategoryId; title: string; max: number }> = [
  { id: 'code-scan', title: 'BANDIT SCAN', max: 6 },
  { id: 'secrets', title: 'EXPOSED SECRETS', max: 5 },
  { id: 'input-validation', title: 'INPUT VALIDATION', max: 4 },
  { id: 'dependencies', title: 'DEPENDENCIES', max: 4 },
  { id: 'error-handling', title: 'ERROR HANDLING', max: 3 },
  { id: 'auth', title: 'AUTHENTICATION', max: 2 },
  { id: 'injection', title: 'INJECTIONS', max: 1 },
];

/** Share of a category one finding costs, by severity (docs/score.md, table 2). */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  critical: 1,
  high: 0.5,
  medium: 0.2,
  low: 0.05,
  info: 0,
};

/** Multiplier by confidence (docs/score.md, table 2). */
export const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = {
  high: 1,
  medium: 0.7,
  low: 0.4,
};

/** Repeats of one rule in one category cost a quarter each, at most as much again as the worst. */
export const REPEAT_FACTOR = 0.25;

/** Which score category a finding weighs on (docs/score.md, table 1). */
export function scoreCategoryOf(category: Category): ScoreCategoryId {
  switch (category) {
    case 'secrets':
    case 'input-validation':
    case 'dependencies':
    case 'error-handling':
    case 'auth':
    case 'injection':
      return category;
    case 'code':
    case 'quality':
    case 'config':
    case 'egress':
    default:
      return 'code-scan';
  }
}

/** The weight of one finding: severity weight × confidence factor. */
export function findingWeight(f: Pick<Finding, 'severity' | 'confidence'>): number {
  return (SEVERITY_WEIGHT[f.severity] ?? 0) * (CONFIDENCE_FACTOR[f.confidence] ?? 0);
}

/**
 * One finding per place: findings of one category on the same file and line are one
 * weakness seen by several rules (B105 and KR202 on a hardcoded password, B602 and KR102 on
 * a shell command built from a request): only the heaviest counts (ties: the lowest rule id).
 */
export function distinctPlaces(findings: readonly Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.location.path}\u0000${f.location.startLine}`;
    const cur = best.get(key);
    const w = findingWeight(f);
    if (!cur || w > findingWeight(cur) || (w === findingWeight(cur) && f.ruleId < cur.ruleId)) best.set(key, f);
  }
  return [...best.values()];
}

/**
 * The fraction of a category lost to its findings: one finding per place (see
 * {@link distinctPlaces}); then for each rule, the weight of its worst finding plus
 * {@link REPEAT_FACTOR} × the weights of its other findings, capped at twice the worst
 * weight; summed over rules (in rule-id order) and capped at 1.
 */
export function categoryDeduction(findings: readonly Finding[]): number {
  const byRule = new Map<string, number[]>();
  for (const f of distinctPlaces(findings)) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(findingWeight(f));
    byRule.set(f.ruleId, list);
  }
  let total = 0;
  for (const ruleId of [...byRule.keys()].sort()) {
    const weights = byRule.get(ruleId)!.sort((a, b) => b - a);
    const worst = weights[0] ?? 0;
    const rest = weights.slice(1).reduce((s, w) => s + w, 0);
    total += Math.min(2 * worst, worst + REPEAT_FACTOR * rest);
  }
  return Math.min(1, total);
}

const round1 = (n: number): number => Math.round(n * 10 + 1e-9) / 10;

// ---------------------------------------------------------------------------------------
// Signals behind the seed's per-category lines (docs/score.md, table 3).

const HASH_CWES = new Set([256, 257, 261, 328, 759, 760, 916]);
const TRACE_CWES = new Set([209, 215, 489, 497]);
const COMMAND_CWES = new Set([77, 78, 88]);

const atLeast = (f: Finding, s: Severity): boolean => severityRank(f.severity) >= severityRank(s);

/** SQL injection risk: CWE-89, or a rule name with "sql", at medium severity or above. */
export function isSqlInjectionRisk(f: Finding): boolean {
  return atLeast(f, 'medium') && (f.cwe.includes(89) || /sql/i.test(f.ruleName));
}

/** Command injection risk: CWE-77/78/88 at medium severity or above. */
export function isCommandInjectionRisk(f: Finding): boolean {
  return atLeast(f, 'medium') && f.cwe.some((c) => COMMAND_CWES.has(c));
}

/** A dependency finding about a known vulnerability (an advisory), not a pin or a name. */
export function isAdvisoryFinding(f: Finding): boolean {
  if (f.category !== 'dependencies') return false;
  const props = f.properties ?? {};
  if (['advisory', 'advisories', 'vulnerability', 'vulnerabilities', 'osv', 'aliases', 'cve'].some((k) => k in props)) {
    return true;
  }
  return /vuln|advisor|cve|osv/i.test(f.ruleName);
}

/** An unmaintained or outdated component: CWE-1104, or such a rule name on a dependency finding. */
function isObsoleteDependency(f: Finding): boolean {
  if (isAdvisoryFinding(f)) return false;
  return f.cwe.includes(1104) || (f.category === 'dependencies' && /obsolete|outdated|unmaintained|deprecated|yanked|end-of-life|eol/i.test(f.ruleName));
}

function isStackTraceExposure(f: Finding): boolean {
  return f.cwe.some((c) => TRACE_CWES.has(c)) || /traceback|stack-?trace|debug/i.test(f.ruleName);
}

function isSensitiveLogging(f: Finding): boolean {
  return f.cwe.includes(532) || ((f.category === 'error-handling' || f.category === 'secrets') && /(^|-)log/i.test(f.ruleName));
}

function isWeakHashing(f: Finding): boolean {
  return f.category !== 'dependencies' && (f.cwe.some((c) => HASH_CWES.has(c)) || /md5|sha1|weak-hash|password-hash/i.test(f.ruleName));
}

function isJwtProblem(f: Finding): boolean {
  return /jwt/i.test(f.ruleName) || f.cwe.includes(613) || f.cwe.includes(347);
}

function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}

/** A real dotenv file (`.env`, `.env.production`), not a template such as `.env.example`. */
export function isDotenvPath(p: string): boolean {
  const b = basename(p);
  return /^\.env(\.|$)/.test(b) && !/\.(example|sample|template|dist|tpl)$/i.test(b);
}

function isEnvExposure(f: Finding): boolean {
  return (
    (f.category === 'secrets' || f.category === 'config') &&
    (isDotenvPath(f.location.path) || /dotenv|env-file|gitignore/i.test(f.ruleName))
  );
}

/** First segments of every import the metrics saw (project totals and per-file lists). */
function importedTopLevel(report: Report): Set<string> {
  const out = new Set<string>();
  const add = (m: unknown): void => {
    if (typeof m === 'string' && m) out.add(m.split('.')[0]);
  };
  const pm = report.metrics?.imports;
  if (pm) for (const list of [pm.stdlib, pm.thirdParty, pm.local]) if (Array.isArray(list)) list.forEach(add);
  for (const file of report.files ?? []) {
    const imports = file.metrics?.imports;
    if (Array.isArray(imports)) for (const i of imports) add(i?.module);
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "1 high, 2 medium" for a list of findings, most severe first. */
export function severityBreakdown(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

function oneLine(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function analysedPythonFiles(report: Report): number {
  return (report.files ?? []).filter((f) => f.kind === 'python' || f.kind === 'notebook').length;
}

function dependenciesAssessed(report: Report): boolean {
  const deps = report.dependencies;
  const reqs = deps && Array.isArray(deps.requirements) ? deps.requirements.length : 0;
  return reqs > 0 || report.findings.some((f) => f.category === 'dependencies');
}

/**
 * Compute the score of a report from its findings and sections (see `docs/score.md`).
 * Pure and deterministic: the same report gives the same score, whatever the order of
 * its findings.
 */
export function computeScore(report: Report): Score {
  const findings = [...report.findings].sort(compareFindings);
  const by = new Map<ScoreCategoryId, Finding[]>();
  for (const c of SCORE_CATEGORIES) by.set(c.id, []);
  for (const f of findings) by.get(scoreCategoryOf(f.category))!.push(f);

  const imports = importedTopLevel(report);
  const pythonFiles = analysedPythonFiles(report);
  const envFiles = (report.files ?? []).filter((f) => f.kind === 'env' && isDotenvPath(f.path));
  const depsAssessed = dependenciesAssessed(report);
  const usesPydantic = [...imports].some((m) => m === 'pydantic' || m.startsWith('pydantic_'));
  const usesJwt = [...imports].some((m) => ['jwt', 'jose', 'authlib', 'python_jwt', 'jwcrypto'].includes(m));

  const categories: ScoreCategory[] = SCORE_CATEGORIES.map(({ id, title, max }) => {
    const list = by.get(id)!;
    const deduction = categoryDeduction(list);
    const points = round1(max * (1 - deduction));
    const counts = countsFor(id, list, findings, { envFiles: envFiles.length, usesPydantic, usesJwt });
    let status: string;
    if (id === 'dependencies' && !depsAssessed) {
      status = 'Not assessed: no requirements or lock file found';
    } else if (list.length === 0) {
      status = 'Good: no issues found';
    } else {
      const verdict = points >= max ? 'Good' : points >= max / 2 ? 'Needs attention' : 'At risk';
      status = `${verdict}: ${plural(list.length, 'finding')} (${severityBreakdown(list)})`;
    }
    return { id, title, points, max, status, findings: list.length, deduction: round1(deduction * 1000) / 1000, counts };
  });

  const total = round1(categories.reduce((s, c) => s + c.points, 0));
  const riskLevel: Score['riskLevel'] = findings.some((f) => f.severity === 'critical')
    ? 'critical'
    : findings.some((f) => f.severity === 'high')
      ? 'high'
      : findings.some((f) => f.severity === 'medium')
        ? 'medium'
        : 'low';

  const critical: ScoreCriticalIssue[] = findings
    .filter((f) => atLeast(f, 'high'))
    .map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      path: f.location.path,
      line: f.location.startLine,
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
    }));

  return {
    total,
    max: 25,
    method: 'krait-score/2',
    riskLevel,
    categories,
    strengths: strengthsOf(categories, { pythonFiles, envFiles: envFiles.length, usesPydantic, depsAssessed, report }),
    improvements: improvementsOf(findings, { depsAssessed, pythonFiles }),
    critical,
    actions: actionsOf(findings, depsAssessed),
  };
}

function countsFor(
  id: ScoreCategoryId,
  list: Finding[],
  all: Finding[],
  ctx: { envFiles: number; usesPydantic: boolean; usesJwt: boolean },
): ScoreCount[] {
  const n = (pred: (f: Finding) => boolean, from: Finding[] = list): number => from.filter(pred).length;
  switch (id) {
    case 'code-scan':
      return [
        { label: 'Critical Issues', value: n((f) => f.severity === 'critical') },
        { label: 'High Issues', value: n((f) => f.severity === 'high') },
        { label: 'Medium Issues', value: n((f) => f.severity === 'medium') },
        { label: 'Low Issues', value: n((f) => f.severity === 'low') },
      ];
    case 'secrets': {
      const exposed = all.some(isEnvExposure);
      return [
        { label: 'Hardcoded Secrets', value: distinctPlaces(list).length },
        {
          label: 'Secure .env Files',
          value: !exposed,
          ...(ctx.envFiles === 0 && !exposed ? { note: 'no .env file found' } : {}),
        },
      ];
    }
    case 'input-validation':
      return [
        { label: 'Unvalidated Inputs', value: list.length },
        { label: 'Pydantic Usage', value: ctx.usesPydantic },
      ];
    case 'dependencies':
      return [
        { label: 'Critical CVEs', value: n((f) => isAdvisoryFinding(f) && atLeast(f, 'high')) },
        { label: 'Medium CVEs', value: n((f) => isAdvisoryFinding(f) && !atLeast(f, 'high')) },
        { label: 'Obsolete Dependencies', value: n(isObsoleteDependency, all) },
      ];
    case 'error-handling':
      return [
        { label: 'Exposed Stack Traces', value: n(isStackTraceExposure, all) },
        { label: 'Sensitive Data in Logs', value: n(isSensitiveLogging, all) },
      ];
    case 'auth': {
      const jwtBad = all.some(isJwtProblem);
      return [
        { label: 'Secure Hashing', value: !all.some(isWeakHashing) },
        {
          label: 'JWT with Expiration',
          value: !jwtBad,
          ...(!ctx.usesJwt && !jwtBad ? { note: 'no JWT library imported' } : {}),
        },
      ];
    }
    case 'injection':
      return [
        { label: 'SQL Injection Risks', value: n(isSqlInjectionRisk, all) },
        { label: 'Command Injection Risks', value: n(isCommandInjectionRisk, all) },
      ];
  }
}

function strengthsOf(
  categories: ScoreCategory[],
  ctx: { pythonFiles: number; envFiles: number; usesPydantic: boolean; depsAssessed: boolean; report: Report },
): string[] {
  const out: string[] = [];
  const clean = (id: ScoreCategoryId): boolean => categories.find((c) => c.id === id)!.findings === 0;
  if (clean('code-scan') && ctx.pythonFiles > 0) out.push(`No insecure code patterns found in ${plural(ctx.pythonFiles, 'Python file')}`);
  if (clean('secrets')) out.push('No hardcoded secrets or credentials found');
  if (ctx.envFiles > 0 && categories.find((c) => c.id === 'secrets')!.counts.some((c) => c.label === 'Secure .env Files' && c.value === true)) {
    out.push('.env files are kept out of version control and hold no flagged secrets');
  }
  if (ctx.usesPydantic) out.push('Pydantic is used for input validation');
  if (clean('input-validation') && ctx.pythonFiles > 0) out.push('No unvalidated input found reaching a sensitive call');
  if (clean('dependencies') && ctx.depsAssessed) {
    const db = ctx.report.dependencies?.database;
    const reqs = ctx.report.dependencies?.requirements?.length ?? 0;
    const against = db && db.source && db.source !== 'none' ? ` against ${db.source}${db.date ? ` (${db.date})` : ''}` : '';
    out.push(`No known-vulnerable dependencies (${plural(reqs, 'requirement')} checked${against})`);
  }
  if (clean('error-handling') && ctx.pythonFiles > 0) out.push('No stack-trace exposure or sensitive data in logs found');
  if (clean('auth') && ctx.pythonFiles > 0) out.push('No weak password hashing or token handling found');
  if (clean('injection') && ctx.pythonFiles > 0) out.push('No SQL, command or code injection found');
  return out;
}

interface RuleGroup {
  ruleId: string;
  ruleName: string;
  findings: Finding[];
  worst: Finding;
}

function groupByRule(findings: Finding[]): RuleGroup[] {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.ruleId) ?? [];
    list.push(f);
    map.set(f.ruleId, list);
  }
  return [...map.entries()].map(([ruleId, list]) => {
    const sorted = [...list].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || confidenceRank(b.confidence) - confidenceRank(a.confidence) || compareFindings(a, b),
    );
    return { ruleId, ruleName: sorted[0].ruleName, findings: list, worst: sorted[0] };
  });
}

/** Most urgent first: worst severity, then confidence, then count, then rule id. */
function compareGroups(a: RuleGroup, b: RuleGroup): number {
  return (
    severityRank(b.worst.severity) - severityRank(a.worst.severity) ||
    confidenceRank(b.worst.confidence) - confidenceRank(a.worst.confidence) ||
    b.findings.length - a.findings.length ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

const where = (f: Finding): string => `${f.location.path}:${f.location.startLine}`;

function improvementsOf(findings: Finding[], ctx: { depsAssessed: boolean; pythonFiles: number }): string[] {
  const minor = groupByRule(findings.filter((f) => f.severity === 'medium' || f.severity === 'low')).sort(compareGroups);
  const out = minor.slice(0, 8).map((g) => {
    const fix = g.worst.fix ? ` — ${oneLine(g.worst.fix, 120)}` : '';
    return `${g.ruleId} ${g.ruleName}: ${plural(g.findings.length, 'finding')} (${g.worst.severity}, e.g. ${where(g.worst)})${fix}`;
  });
  if (minor.length > 8) out.push(`…and ${plural(minor.length - 8, 'more rule')} with medium or low findings`);
  const info = findings.filter((f) => f.severity === 'info').length;
  if (info > 0) out.push(`${plural(info, 'informational note')} to review (no points deducted)`);
  if (!ctx.depsAssessed && ctx.pythonFiles > 0) {
    out.push('Add a requirements.txt or lock file with pinned versions so dependencies can be audited');
  }
  return out;
}

function actionsOf(findings: Finding[], depsAssessed: boolean): ScoreAction[] {
  const priorities: ScoreAction['priority'][] = ['URGENT', 'IMPORTANT', 'RECOMMENDED'];
  const groups = groupByRule(findings.filter((f) => f.severity !== 'info')).sort(compareGroups).slice(0, 3);
  const actions: ScoreAction[] = groups.map((g, i) => {
    const how = g.worst.fix ?? g.worst.message;
    return {
      priority: priorities[i],
      text: `Fix ${g.ruleName} (${g.ruleId}, ${g.worst.severity}) in ${plural(g.findings.length, 'place')}: ${oneLine(how)}`,
      ruleId: g.ruleId,
      count: g.findings.length,
      where: where(g.worst),
    };
  });
  const generic = [
    ...(depsAssessed ? [] : ['Add a requirements.txt or lock file with pinned versions so dependencies can be audited']),
    'Run krait in CI with --fail-on high and upload its SARIF so new issues show up in review',
    'Keep the advisory database current (krait db update) and re-audit dependencies regularly',
    'Add the krait pre-commit hook so issues are caught before they are committed',
  ];
  for (const text of generic) {
    if (actions.length >= 3) break;
    actions.push({ priority: priorities[actions.length], text, count: 0 });
  }
  return actions;
}
