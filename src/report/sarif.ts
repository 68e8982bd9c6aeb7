/**
 * SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers.
 *
 * Follows OASIS SARIF 2.1.0 (sarif-schema-2.1.0.json) and GitHub's documented subset
 * ("SARIF support for code scanning"): every result has `ruleId`, `ruleIndex`, `level`,
 * `message.text` and one physical location with a relative `artifactLocation.uri`
 * (`uriBaseId: %SRCROOT%`) and `region.startLine`; rules carry `shortDescription`,
 * `fullDescription`, `help` (text and markdown), `properties.tags` with `security` and
 * `external/cwe/cwe-N`, `properties.precision` and `properties['security-severity']`
 * (GitHub: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low). GitHub's limits
 * per run are respected: at most 25,000 results, 10,000 thread-flow locations per
 * result, 20 tags per rule.
 */
import { compareFindings, severityRank, SEVERITIES } from '../core/finding.js';
import type { Finding, Location, Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { ruleFor, cweUrl, noRules } from './rules.js';
import type { RuleLookup } from './rules.js';
import { computeScore } from './score.js';
import { advisoryAgeText, advisoryDataAge } from './summary.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning limits (docs: "SARIF results exceed limits"). */
export const SARIF_LIMITS = { resultsPerRun: 25_000, threadFlowLocationsPerResult: 10_000, tagsPerRule: 20 } as const;

/** `security-severity` by severity (a numeric string, GitHub's CVSS-like bands). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: undefined,
};

/** SARIF `level` by severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/**
 * A relative path as a URI reference: `\` → `/`, each segment percent-encoded. Absolute
 * paths become `file://` URIs (and get no `uriBaseId`).
 */
export function pathToUri(path: string): { uri: string; uriBaseId?: string } {
  const p = path.replace(/\\/g, '/');
  const enc = (s: string): string => s.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  if (/^[A-Za-z]:\//.test(p)) return { uri: `file:///${p.slice(0, 2)}${enc(p.slice(2))}` };
  if (p.startsWith('/')) return { uri: `file://${enc(p)}` };
  return { uri: enc(p.replace(/^\.\//, '')), uriBaseId: '%SRCROOT%' };
}

type Json = Record<string, unknown>;

function region(l: Location): Json {
  const r: Json = { startLine: Math.max(1, l.startLine), startColumn: l.startColumn + 1 };
  const endLine = Math.max(l.endLine, l.startLine);
  r.endLine = endLine;
  if (endLine > l.startLine || l.endColumn > l.startColumn) r.endColumn = l.endColumn + 1;
  return r;
}

function physicalLocation(l: Location, snippet?: string): Json {
  const pl: Json = { artifactLocation: pathToUri(l.path), region: region(l) };
  if (snippet) {
    const lines = snippet.split('\n').map((s) => /^\s*(\d+) ?(.*)$/.exec(s));
    if (lines.every((m) => m)) {
      const first = Number(lines[0]![1]);
      const last = Number(lines[lines.length - 1]![1]);
      if (first >= 1 && last >= first) {
        pl.contextRegion = { startLine: first, endLine: last, snippet: { text: lines.map((m) => m![2]).join('\n') } };
      }
    }
  }
  return pl;
}

function humanise(name: string): string {
  const s = name.replace(/[-_]+/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : name;
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(s.trim());
  return (m ? m[1] : s.trim()).replace(/\s+/g, ' ');
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}python\n${code}\n${f}`;
}

function ruleDescriptor(id: string, findings: Finding[], lookup: RuleLookup): Json {
  const f0 = findings[0];
  const meta = ruleFor(f0, lookup);
  const worst = findings.reduce<Severity>((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), meta.known ? meta.severity : 'info');
  const d = meta.docs;
  const cwes = meta.cwe.length ? meta.cwe : f0.cwe;
  const short = d.what ? firstSentence(d.what) : humanise(meta.name);
  const full = [d.what, d.why].filter(Boolean).join(' ') || `${humanise(meta.name)} (${id}).`;
  const refs = [...new Set([...d.references, ...cwes.map(cweUrl)])];
  const text = [
    d.what && `What it does: ${d.what}`,
    d.why && `Why is this bad? ${d.why}`,
    d.example && `Example:\n${d.example}`,
    d.instead && `Use instead:\n${d.instead}`,
    refs.length ? `References:\n${refs.map((r) => `- ${r}`).join('\n')}` : '',
    `Run \`krait explain ${id}\` for details.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const markdown = [
    `# ${id} ${meta.name}`,
    d.what && `## What it does\n${d.what}`,
    d.why && `## Why is this bad?\n${d.why}`,
    d.example && `## Example\n${fence(d.example)}`,
    d.instead && `## Use instead\n${fence(d.instead)}`,
    refs.length ? `## References\n${refs.map((r) => `- <${r}>`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const tags = ['security', meta.category, ...cwes.map((c) => `external/cwe/cwe-${c}`)].slice(0, SARIF_LIMITS.tagsPerRule);
  const properties: Json = {
    tags,
    precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
    'problem.severity': sarifLevel(worst) === 'note' ? 'recommendation' : sarifLevel(worst),
  };
  const sev = SECURITY_SEVERITY[worst];
  if (sev) properties['security-severity'] = sev;
  const rule: Json = {
    id,
    name: meta.name,
    shortDescription: { text: short },
    fullDescription: { text: full },
    defaultConfiguration: { level: sarifLevel(meta.known ? meta.severity : worst) },
    help: { text, markdown },
    properties,
  };
  if (refs[0]) rule.helpUri = refs[0];
  return rule;
}

/** Options of the SARIF writer. */
export interface SarifOptions {
  /**
   * Emit the findings the reasoning layer dismissed as results with a SARIF `suppressions`
   * entry (`kind: external`, `status: accepted`, the verdict's reason as justification), so
   * code scanning shows them as dismissed alerts.
   */
  showDismissed?: boolean;
}

function result(f: Finding, ruleIndex: number): Json {
  const r: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message || f.ruleName },
    locations: [{ physicalLocation: physicalLocation(f.location, f.snippet) }],
    partialFingerprints: { 'kraitFingerprint/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      category: f.category,
      cwe: f.cwe.map((c) => `CWE-${c}`),
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.autofix ? { fixAvailable: true, fixSafety: f.autofix.safety } : {}),
      ...(f.proof ? { proofOfConcept: { ...f.proof } } : {}),
    },
  };
  if (f.relatedRuleIds?.length) (r.properties as Json).relatedRuleIds = f.relatedRuleIds;
  if (f.verdict) (r.properties as Json).verdict = f.verdict;
  if (f.distribution) (r.properties as Json).distribution = { ...f.distribution };
  if (f.status === 'dismissed') {
    r.suppressions = [{ kind: 'external', status: 'accepted', justification: `krait triage: ${f.verdict?.kind ?? 'dismissed'} — ${f.verdict?.reason ?? ''}` }];
  }
  if (f.autofix) {
    // SARIF 2.1.0 §3.55: the fix as replacements of regions (1-based columns, like region()).
    r.fixes = [
      {
        description: { text: `${f.autofix.description} (${f.autofix.safety} fix: krait fix${f.autofix.safety === 'unsafe' ? ' --unsafe-fixes' : ''})` },
        artifactChanges: [
          {
            artifactLocation: pathToUri(f.location.path),
            replacements: f.autofix.edits.map((e) => ({
              deletedRegion: { startLine: e.startLine, startColumn: e.startColumn + 1, endLine: e.endLine, endColumn: e.endColumn + 1 },
              ...(e.text ? { insertedContent: { text: e.text } } : {}),
            })),
          },
        ],
      },
    ];
  }
  if (f.trace?.length) {
    // The source and the lines that built the value, as related locations the viewer links to.
    r.relatedLocations = f.trace
      .filter((s) => s.kind !== 'sink')
      .slice(0, 50)
      .map((s, i) => ({ id: i + 1, physicalLocation: physicalLocation(s.location), message: { text: s.message || s.kind } }));
    const steps = f.trace.slice(0, SARIF_LIMITS.threadFlowLocationsPerResult);
    r.codeFlows = [
      {
        message: { text: `${f.trace[0].message} → ${f.trace[f.trace.length - 1].message}` },
        threadFlows: [
          {
            locations: steps.map((s, i) => ({
              location: { physicalLocation: physicalLocation(s.location), message: { text: s.message || s.kind } },
              kinds: ['taint', s.kind],
              executionOrder: i + 1,
              nestingLevel: 0,
            })),
          },
        ],
      },
    ];
  }
  return r;
}

function notificationLocation(path: string, line?: number): Json {
  const pl: Json = { artifactLocation: pathToUri(path) };
  if (line && line >= 1) pl.region = { startLine: line };
  return { physicalLocation: pl };
}

/** The SARIF log as an object (see {@link renderSarif}). */
export function buildSarif(report: Report, lookupRule: RuleLookup = noRules, opts: SarifOptions = {}): Json {
  const all = [...report.findings, ...(opts.showDismissed ? (report.dismissed ?? []) : [])].sort(compareFindings);
  const findings = all.slice(0, SARIF_LIMITS.resultsPerRun);
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  const ids = [...byRule.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => ruleDescriptor(id, byRule.get(id)!, lookupRule));

  const notifications: Json[] = [
    ...report.diagnostics.map((d) => ({
      level: 'warning',
      message: { text: `${d.kind}: ${d.message}` },
      locations: [notificationLocation(d.path, d.line)],
      descriptor: { id: d.kind },
    })),
    ...report.skipped.map((s) => ({
      level: 'note',
      message: { text: `skipped: ${s.reason}` },
      locations: [notificationLocation(s.path)],
      descriptor: { id: 'skipped' },
    })),
  ];
  if (all.length > findings.length) {
    notifications.push({
      level: 'warning',
      message: { text: `${all.length - findings.length} lower-severity findings left out: GitHub code scanning accepts at most ${SARIF_LIMITS.resultsPerRun} results per run.` },
      descriptor: { id: 'results-truncated' },
    });
  }

  const advisoryData = advisoryDataAge(report);
  if (advisoryData?.stale) {
    notifications.push({
      level: 'warning',
      message: { text: `advisory data ${advisoryAgeText(advisoryData)}` },
      descriptor: { id: 'stale-advisory-data' },
    });
  }

  const started = Date.parse(report.startedAt);
  const invocation: Json = {
    executionSuccessful: true,
    toolExecutionNotifications: notifications,
  };
  if (!Number.isNaN(started)) {
    invocation.startTimeUtc = new Date(started).toISOString();
    invocation.endTimeUtc = new Date(started + Math.max(0, report.durationMs)).toISOString();
  }
  const score = report.score ?? computeScore(report);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'krait',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The scan root: result paths are relative to the path given to krait scan.' } },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.ruleId)!)),
        properties: {
          'krait/score': score.total,
          'krait/suppressedCount': report.suppressedCount,
          'krait/severities': Object.fromEntries(SEVERITIES.map((s) => [s, all.filter((f) => f.severity === s).length])),
          ...(advisoryData ? { 'krait/advisoryData': advisoryData } : {}),
        },
      },
    ],
  };
}

/**
 * Render the report as a SARIF 2.1.0 log (JSON text, 2-space indent). `lookupRule`
 * supplies rule documentation for `tool.driver.rules`; without it, rules are described
 * from the findings alone.
 */
export function renderSarif(report: Report, lookupRule: RuleLookup = noRules, opts: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(report, lookupRule, opts), null, 2) + '\n';
}
