/**
 * Hand-built reports for the format tests: a realistic small Flask app with findings in
 * every category (a masked secret, a data-flow finding with a trace, dependency
 * advisories…), and a hostile variant whose audited text tries to inject HTML/JS.
 */
import { assignFingerprints } from '../../src/core/fingerprint.js';
import { snippetAt, splitLines } from '../../src/core/snippet.js';
import { compareFindings } from '../../src/core/finding.js';
import type { Finding, Severity, Confidence, Category, TraceStep } from '../../src/core/finding.js';
import type { Report, FileResult } from '../../src/report/model.js';
import type { DependencyReport } from '../../src/deps/types.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import type { ComplexityBlock } from '../../src/metrics/types.js';
import type { Route } from '../../src/posture/types.js';

/** A function's complexity block. */
function fn(name: string, line: number, complexity: number): ComplexityBlock {
  return { name, line, column: 0, endLine: line + 3, kind: 'function', complexity };
}

/** A Flask route without auth, as the route collector builds it. */
function route(over: Partial<Route>): Route {
  return {
    kind: 'http', framework: 'flask', path: '/', methods: ['GET'], handler: 'view', location: { path: 'app.py', line: 1 },
    auth: 'none', authBy: [], validation: 'no-input', validatedBy: [], inputs: [], stateChanging: false, rateLimited: false, csrfExempt: false,
    ...over,
  };
}

export const APP_PY = `import os
import subprocess
import pickle
import hashlib
import sqlite3
import requests
from flask import Flask, request

app = Flask(__name__)
AWS_SECRET = "AKIA****************"


@app.route("/run")
def run():
    cmd = request.args.get("cmd")
    subprocess.call(cmd, shell=True)
    return "ok"


@app.route("/user")
def user():
    uid = request.args.get("id")
    db = sqlite3.connect("app.db")
    return db.execute(f"SELECT * FROM users WHERE id = {uid}").fetchall()


def load(blob):
    return pickle.loads(blob)


def hash_password(pw):
    return hashlib.md5(pw.encode()).hexdigest()


def fetch(url):
    return requests.get(url)


@app.errorhandler(500)
def oops(e):
    import traceback
    return traceback.format_exc(), 500


if __name__ == "__main__":
    app.run(debug=True)
`;

export const SETTINGS_PY = `import logging
import jwt

log = logging.getLogger(__name__)


def token(user, password):
    log.info("login %s %s", user, password)
    return jwt.encode({"sub": user}, "k", algorithm="HS256")


def check(x):
    assert x
    try:
        return int(x)
    except Exception:
        pass
`;

interface Spec {
  path: string;
  source: string;
  line: number;
  col?: number;
  endCol?: number;
  ruleId: string;
  ruleName: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  message: string;
  fix?: string;
  trace?: TraceStep[];
  snippet?: string;
  properties?: Record<string, unknown>;
}

/** Build findings from specs: snippet from the source, fingerprint from src/core/fingerprint. */
export function buildFindings(specs: Spec[]): Finding[] {
  const findings: Finding[] = specs.map((s) => {
    const lines = splitLines(s.source);
    const text = lines[s.line - 1] ?? '';
    const col = s.col ?? text.length - text.trimStart().length;
    return {
      ruleId: s.ruleId,
      ruleName: s.ruleName,
      category: s.category,
      severity: s.severity,
      confidence: s.confidence,
      cwe: s.cwe,
      message: s.message,
      location: { path: s.path, startLine: s.line, startColumn: col, endLine: s.line, endColumn: s.endCol ?? text.length },
      snippet: s.snippet ?? snippetAt(lines, s.line),
      ...(s.fix ? { fix: s.fix } : {}),
      ...(s.trace ? { trace: s.trace } : {}),
      ...(s.properties ? { properties: s.properties } : {}),
      fingerprint: '',
    };
  });
  const sources = new Map(specs.map((s) => [s.path, splitLines(s.source)]));
  assignFingerprints(findings, (f) => sources.get(f.location.path)?.[f.location.startLine - 1] ?? '');
  return findings;
}

const loc = (path: string, line: number, startColumn: number, endColumn: number) => ({
  path,
  startLine: line,
  startColumn,
  endLine: line,
  endColumn,
});

export function appSpecs(): Spec[] {
  const A = { path: 'app/main.py', source: APP_PY };
  const S = { path: 'app/settings.py', source: SETTINGS_PY };
  const R = { path: 'requirements.txt', source: 'flask==0.12.2\nrequests\nPyYAML==5.3\n' };
  return [
    {
      ...A, line: 16, ruleId: 'KR100', ruleName: 'command-injection', category: 'injection', severity: 'critical', confidence: 'high', cwe: [78],
      message: 'User input from request.args reaches subprocess.call with shell=True.',
      fix: 'Pass an argument list without shell=True: subprocess.call(["ls", name]).',
      trace: [
        { kind: 'source', location: loc('app/main.py', 15, 10, 38), message: "request.args.get('cmd') (source: HTTP request)" },
        { kind: 'step', location: loc('app/main.py', 15, 4, 7), message: 'assigned to cmd' },
        { kind: 'sink', location: loc('app/main.py', 16, 4, 36), message: 'subprocess.call(cmd, shell=True) (sink: shell command)' },
      ],
    },
    { ...A, line: 16, ruleId: 'B602', ruleName: 'subprocess-popen-with-shell-equals-true', category: 'injection', severity: 'high', confidence: 'high', cwe: [78],
      message: 'subprocess call with shell=True and a non-literal command.', fix: 'Use a list of arguments and shell=False.' },
    { ...A, line: 24, ruleId: 'B608', ruleName: 'hardcoded-sql-expressions', category: 'injection', severity: 'medium', confidence: 'medium', cwe: [89],
      message: 'SQL query built with an f-string.', fix: 'Use a parameterised query: db.execute("SELECT * FROM users WHERE id = ?", (uid,)).' },
    { ...A, line: 28, ruleId: 'B301', ruleName: 'pickle', category: 'code', severity: 'medium', confidence: 'high', cwe: [502],
      message: 'pickle.loads on data that may come from outside.', fix: 'Use json.loads for untrusted data.' },
    { ...A, line: 32, ruleId: 'B324', ruleName: 'hashlib', category: 'auth', severity: 'high', confidence: 'high', cwe: [328],
      message: 'MD5 used to hash a password.', fix: 'Use bcrypt or argon2 for passwords.' },
    { ...A, line: 36, ruleId: 'B113', ruleName: 'request-without-timeout', category: 'code', severity: 'medium', confidence: 'low', cwe: [400],
      message: 'requests.get without a timeout.', fix: 'Pass timeout=10.' },
    { ...A, line: 36, ruleId: 'KR200', ruleName: 'ssrf', category: 'input-validation', severity: 'high', confidence: 'medium', cwe: [918],
      message: 'A URL from the caller is fetched without validation.', fix: 'Check the host against an allow-list.' },
    { ...A, line: 10, ruleId: 'KS001', ruleName: 'aws-access-key', category: 'secrets', severity: 'critical', confidence: 'high', cwe: [798],
      message: 'AWS access key id hardcoded (AKIA…MPLE).', fix: 'Read it from the environment: os.environ["AWS_SECRET"].' },
    { ...A, line: 42, ruleId: 'KR300', ruleName: 'traceback-exposed', category: 'error-handling', severity: 'medium', confidence: 'high', cwe: [209],
      message: 'The stack trace is returned to the client.', fix: 'Log the exception and return a generic message.' },
    { ...A, line: 46, ruleId: 'B201', ruleName: 'flask-debug-true', category: 'config', severity: 'high', confidence: 'medium', cwe: [94],
      message: 'Flask app run with debug=True.', fix: 'Read debug from the environment and default to False.' },
    { ...A, line: 6, ruleId: 'KE001', ruleName: 'network-module', category: 'egress', severity: 'info', confidence: 'high', cwe: [],
      message: 'requests can send data out of the process.' },
    { ...S, line: 8, ruleId: 'KR310', ruleName: 'sensitive-data-logged', category: 'error-handling', severity: 'medium', confidence: 'medium', cwe: [532],
      message: 'A password is written to the log.', fix: 'Do not log secrets.' },
    { ...S, line: 9, ruleId: 'KR400', ruleName: 'jwt-without-expiration', category: 'auth', severity: 'medium', confidence: 'medium', cwe: [613],
      message: 'JWT issued without an exp claim.', fix: 'Add "exp": now + timedelta(hours=1).' },
    { ...S, line: 13, ruleId: 'B101', ruleName: 'assert-used', category: 'quality', severity: 'low', confidence: 'high', cwe: [703],
      message: 'assert is removed under python -O.', fix: 'Raise an exception instead.' },
    { ...S, line: 16, ruleId: 'B110', ruleName: 'try-except-pass', category: 'error-handling', severity: 'low', confidence: 'high', cwe: [703],
      message: 'Exception swallowed with pass.', fix: 'Log or handle the exception.' },
    { ...R, line: 1, col: 0, endCol: 13, ruleId: 'KR501', ruleName: 'vulnerable-dependency', category: 'dependencies', severity: 'high', confidence: 'high', cwe: [1395],
      message: 'flask 0.12.2 has a known vulnerability: GHSA-5wv5-4vpf-pj6m (CVE-2018-1000656), fixed in 0.12.3.',
      fix: 'Upgrade: flask>=0.12.3', properties: { package: 'flask', version: '0.12.2', advisory: 'GHSA-5wv5-4vpf-pj6m', aliases: ['CVE-2018-1000656'], fixedVersions: ['0.12.3'], severitySource: 'cvss', url: 'https://osv.dev/vulnerability/GHSA-5wv5-4vpf-pj6m', role: 'requirement', suggestedVersion: '0.12.3' } },
    { ...R, line: 3, col: 0, endCol: 11, ruleId: 'KR501', ruleName: 'vulnerable-dependency', category: 'dependencies', severity: 'critical', confidence: 'high', cwe: [1395],
      message: 'PyYAML 5.3 has a known vulnerability: GHSA-8q59-q68h-6hv4 (CVE-2020-14343), fixed in 5.4.',
      fix: 'Upgrade: PyYAML>=5.4', properties: { package: 'PyYAML', version: '5.3', advisory: 'GHSA-8q59-q68h-6hv4', aliases: ['CVE-2020-14343'], fixedVersions: ['5.4'], severitySource: 'cvss', url: 'https://osv.dev/vulnerability/GHSA-8q59-q68h-6hv4', role: 'requirement', suggestedVersion: '5.4' } },
    { ...R, line: 2, col: 0, endCol: 8, ruleId: 'KR502', ruleName: 'unpinned-requirement', category: 'dependencies', severity: 'low', confidence: 'high', cwe: [1357],
      message: 'requests is not pinned.', fix: 'Pin it: requests==2.32.3' },
  ];
}

/** A realistic report: two Python files, a requirements file, a .env, every section filled. */
export function makeReport(overrides: Partial<Report> = {}): Report {
  const findings = buildFindings(appSpecs());
  const files: Array<Omit<FileResult, 'findings'>> = [
    {
      path: 'app/main.py', kind: 'python', diagnostics: [],
      metrics: {
        lines: 47, codeLines: 35, commentLines: 0, blankLines: 12, docstringLines: 0, astNodes: 310,
        imports: [
          { module: 'os', kind: 'stdlib', line: 1 }, { module: 'subprocess', kind: 'stdlib', line: 2 }, { module: 'pickle', kind: 'stdlib', line: 3 },
          { module: 'hashlib', kind: 'stdlib', line: 4 }, { module: 'sqlite3', kind: 'stdlib', line: 5 }, { module: 'requests', kind: 'third-party', line: 6 },
          { module: 'flask', kind: 'third-party', line: 7 },
        ],
        functions: 6, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
        complexity: [fn('run', 14, 1), fn('user', 21, 2), fn('oops', 40, 1)],
        classComplexity: [], moduleComplexity: 1,
        maxComplexity: 2, meanComplexity: 1.3,
      },
      egress: {
        canSendData: true, channels: ['http'],
        via: [
          { kind: 'import', detail: 'requests', line: 6, counts: true, channel: 'http', occurrences: 1 },
          { kind: 'call', detail: 'requests.get', line: 36, counts: true, channel: 'http', occurrences: 1 },
        ],
      },
    },
    {
      path: 'app/settings.py', kind: 'python', diagnostics: [],
      metrics: {
        lines: 18, codeLines: 14, commentLines: 0, blankLines: 4, docstringLines: 0, astNodes: 120,
        imports: [{ module: 'logging', kind: 'stdlib', line: 1 }, { module: 'jwt', kind: 'third-party', line: 2 }, { module: 'pydantic', kind: 'third-party', line: 3 }],
        functions: 2, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
        complexity: [fn('token', 7, 1), fn('check', 12, 3)],
        classComplexity: [], moduleComplexity: 1,
        maxComplexity: 3, meanComplexity: 2,
      },
      egress: { canSendData: false, via: [], channels: [] },
    },
    { path: 'requirements.txt', kind: 'requirements', diagnostics: [] },
    { path: '.env.example', kind: 'env', diagnostics: [] },
  ];
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'krait', version: '0.1.0' },
    startedAt: '2025-12-09T10:00:00.000Z',
    durationMs: 412,
    targets: ['.'],
    files,
    skipped: [{ path: 'vendor/big.min.py', reason: 'larger than 2 MB (--max-file-size)' }],
    diagnostics: [{ path: 'app/broken.py', kind: 'syntax-error', message: 'invalid syntax', line: 3 }],
    findings: findings.sort(compareFindings),
    suppressedCount: 2,
    metrics: {
      files: 2, lines: 65, codeLines: 49, commentLines: 0, blankLines: 16, docstringLines: 0, astNodes: 430,
      functions: 8, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
      imports: { stdlib: ['hashlib', 'logging', 'os', 'pickle', 'sqlite3', 'subprocess'], thirdParty: ['flask', 'jwt', 'pydantic', 'requests'], local: [] },
      maxComplexity: 3, meanComplexity: 1.6, complexityFunctions: 5,
    },
    egress: {
      filesAnalysed: 2, filesThatCanSendData: 1,
      files: [{ path: 'app/main.py', via: ['import requests (line 6)', 'call requests.get (line 36)'], channels: ['http'] }],
      byChannel: [{ channel: 'http', files: 1 }], modules: [{ module: 'requests', channel: 'http', files: 1 }],
      endpoints: [{ kind: 'url', value: 'https://api.example.org/v1', scope: 'public', passedToCall: true, files: ['app/main.py'], fileCount: 1 }],
      subprocessTools: [], credentialNames: [{ name: 'API_TOKEN', files: 1 }],
    },
    dependencies: makeDependencies(),
    posture: { routes: [route({ path: '/run', handler: 'run', location: { path: 'app/main.py', line: 14 } })], envFiles: [], containerFiles: [], environmentConfig: [] },
    checksPerformed: ['SQL/Command injection', 'Hardcoded secrets', 'Unsafe deserialization', 'Vulnerable dependencies', 'Path traversal'],
    ...overrides,
  };
  return report;
}

function req(name: string, line: number, specifier: string, version?: string) {
  return {
    name, normalizedName: name.toLowerCase(), extras: [], specifier, ...(version ? { version } : {}), hashes: [], group: 'main',
    role: 'requirement' as const, source: { path: 'requirements.txt', line, endLine: line, format: 'requirements' },
  };
}

/** A dependency report in the shape of src/deps/types.ts. */
export function makeDependencies(): DependencyReport {
  const adv = (id: string, alias: string, severity: Severity, fixed: string, summary: string) => ({
    id, aliases: [alias], summary, severity, severitySource: 'cvss' as const, cvssScore: severity === 'critical' ? 9.8 : 7.5,
    fixedVersions: [fixed], url: `https://osv.dev/vulnerability/${id}`, exact: true,
  });
  return {
    database: { source: 'embedded PyPA advisory database snapshot', date: '2025-11-30', advisories: 4210, ageDays: 9, stale: false },
    requirements: [
      { requirement: req('flask', 1, '==0.12.2', '0.12.2'), advisories: [adv('GHSA-5wv5-4vpf-pj6m', 'CVE-2018-1000656', 'high', '0.12.3', 'Flask denial of service via crafted JSON')],
        suggestedVersion: '0.12.3', importedAs: ['flask'], ignored: [] },
      { requirement: req('requests', 2, ''), advisories: [], importedAs: ['requests'], ignored: [] },
      { requirement: req('PyYAML', 3, '==5.3', '5.3'), advisories: [adv('GHSA-8q59-q68h-6hv4', 'CVE-2020-14343', 'critical', '5.4', 'Arbitrary code execution in full_load')],
        suggestedVersion: '5.4', importedAs: [], ignored: [] },
    ],
    manifests: [{ path: 'requirements.txt', format: 'requirements', requirements: 3 }],
    indexes: [],
    modules: [
      { module: 'flask', distribution: 'Flask', declaredVersion: '0.12.2', declaredSpecifier: '==0.12.2', declared: true, advisories: ['GHSA-5wv5-4vpf-pj6m'], knownAdvisories: 9,
        importedAt: [{ path: 'app/main.py', line: 7 }] },
      { module: 'requests', distribution: 'requests', declaredSpecifier: '', declared: true, advisories: [], knownAdvisories: 6, importedAt: [{ path: 'app/main.py', line: 6 }] },
      { module: 'jwt', distribution: 'PyJWT', declared: false, advisories: [], knownAdvisories: 3, importedAt: [{ path: 'app/settings.py', line: 2 }] },
    ],
    table: [],
    summary: {
      requirements: 3, vulnerable: 2, bySeverity: { critical: 1, high: 1, medium: 0, low: 0, info: 0 }, unpinned: 1, typosquats: 0,
      undeclaredImports: 1, unusedDeclared: 0, hasLockFile: false,
    },
  };
}

/** An analysed project with no findings. */
export function makeCleanReport(): Report {
  return makeReport({ findings: [], suppressedCount: 0 });
}

/** Nothing analysed at all. */
export function makeEmptyReport(): Report {
  return makeReport({
    files: [], findings: [], skipped: [{ path: 'notes.txt', reason: 'not a Python or manifest file' }], diagnostics: [],
    suppressedCount: 0, metrics: undefined, egress: undefined, dependencies: undefined, posture: undefined,
  });
}

export const PAYLOADS = [
  '</script><script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  `"'><svg onload="window.__pwned=1">`,
];

/** Every piece of audited text carries an HTML/JS injection attempt. */
export function makeHostileReport(): Report {
  const [p1, p2, p3] = PAYLOADS;
  const source = `x = "${p1}"\ny = '${p2}'\nz = """${p3}"""\n`;
  const path = `evil/${p2}/m${p3}.py`;
  const findings = buildFindings([
    { path, source, line: 1, ruleId: 'B307', ruleName: `eval${p3}`, category: 'code', severity: 'high', confidence: 'high', cwe: [95],
      message: `eval of ${p1}`, fix: `Do not ${p2}` },
    { path, source, line: 2, ruleId: `KR${p3}`, ruleName: 'weird', category: 'injection', severity: 'medium', confidence: 'low', cwe: [79],
      message: `reflected ${p3}`, trace: [
        { kind: 'source', location: loc(path, 1, 0, 5), message: p1 },
        { kind: 'sink', location: loc(path, 2, 0, 5), message: p2 },
      ] },
    { path: `${p1}.env`, source: `SECRET=${p1}\n`, line: 1, ruleId: 'KS001', ruleName: 'generic-secret', category: 'secrets', severity: 'critical', confidence: 'high', cwe: [798],
      message: `secret ${p2}`, snippet: `1 SECRET=${p1.slice(0, 4)}****` },
  ]);
  return makeReport({
    targets: [p1],
    files: [
      { path, kind: 'python', diagnostics: [], metrics: {
        lines: 3, codeLines: 3, commentLines: 0, blankLines: 0, docstringLines: 0, astNodes: 12,
        imports: [{ module: `mod${p1}`, kind: 'third-party', line: 1 }], functions: 1, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
        complexity: [fn(`f${p2}`, 1, 4)], classComplexity: [], moduleComplexity: 1, maxComplexity: 4, meanComplexity: 4 },
        egress: { canSendData: true, channels: ['endpoint'], via: [{ kind: 'url', detail: p3, line: 1, counts: true, channel: 'endpoint', occurrences: 1 }] } },
    ],
    skipped: [{ path: `skip${p1}`, reason: p2 }],
    diagnostics: [{ path: `diag${p2}`, kind: 'syntax-error', message: p3, line: 1 }],
    findings: findings.sort(compareFindings),
    metrics: { files: 1, lines: 3, codeLines: 3, commentLines: 0, blankLines: 0, docstringLines: 0, astNodes: 12, functions: 1, methods: 0, asyncFunctions: 0, lambdas: 0, classes: 0,
      imports: { stdlib: [], thirdParty: [`mod${p1}`], local: [p3] }, maxComplexity: 4, meanComplexity: 4, complexityFunctions: 1 },
    egress: {
      filesAnalysed: 1, filesThatCanSendData: 1, files: [{ path, via: [p1, p2], channels: ['endpoint'] }],
      byChannel: [{ channel: 'endpoint', files: 1 }], modules: [{ module: p2, channel: 'http', files: 1 }],
      endpoints: [{ kind: 'url', value: p3, scope: 'public', passedToCall: true, files: [p1], fileCount: 1 }],
      subprocessTools: [{ tool: p1, files: 1 }], credentialNames: [{ name: p2, files: 1 }],
    },
    dependencies: (() => {
      const d = makeDependencies();
      d.database = { source: p1, date: p2, advisories: 1 };
      d.requirements[0]!.requirement = { ...d.requirements[0]!.requirement, name: p1, specifier: p2, source: { path: p3, line: 1, endLine: 1, format: p1 } };
      d.requirements[0]!.advisories[0] = { ...d.requirements[0]!.advisories[0]!, id: p2, summary: p3, url: `javascript:${p1}` };
      d.modules[0] = { ...d.modules[0]!, module: p1, distribution: p2, importedAt: [{ path: p3, line: 1 }] };
      d.manifests[0] = { path: p1, format: p2, requirements: 1 };
      d.indexes = [{ url: p3, kind: 'extra', source: { path: p1, line: 1, endLine: 1, format: 'requirements' } }];
      return d;
    })(),
    posture: { routes: [route({ path: p1, handler: p3, location: { path: p2, line: 1 }, authBy: [p1], inputs: [p3] })], envFiles: [], containerFiles: [p1], environmentConfig: [p2] },
    checksPerformed: [p1],
  });
}

/** A small rule catalog for the formats that read rule docs. */
export const RULES: Record<string, RuleMeta> = {
  B602: {
    id: 'B602', name: 'subprocess-popen-with-shell-equals-true', category: 'injection', severity: 'high', confidence: 'high', cwe: [78],
    docs: {
      what: 'Flags subprocess calls that run a command through the shell (shell=True).',
      why: 'With a shell, characters such as ; | and $() in the command start other commands: an attacker who controls part of it runs anything.',
      example: 'subprocess.call(f"ls {name}", shell=True)',
      instead: 'subprocess.call(["ls", name])',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations'],
    },
  },
  B324: {
    id: 'B324', name: 'hashlib', category: 'auth', severity: 'high', confidence: 'high', cwe: [328],
    docs: {
      what: 'Flags MD4, MD5 and SHA-1 from hashlib used for security.',
      why: 'These hashes are broken: collisions are cheap and password hashes made with them are cracked in seconds.',
      example: 'hashlib.md5(pw.encode()).hexdigest()',
      instead: 'bcrypt.hashpw(pw.encode(), bcrypt.gensalt())',
      references: ['https://cwe.mitre.org/data/definitions/328.html'],
    },
  },
};

export const lookupRule = (id: string): RuleMeta | undefined => RULES[id];
