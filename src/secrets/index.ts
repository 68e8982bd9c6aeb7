/**
 * Hardcoded secrets: the per-file entry point of the secrets analysis, and its public API.
 *
 * `detectSecrets` reads one file of any kind (Python, notebooks, .env, YAML, JSON, TOML,
 * INI, Dockerfile, compose, shell, requirements, text) and reports findings whose
 * message, snippet and properties never hold a whole secret, and whose fingerprint is a
 * hash (see `mask.ts`). Suppressions: `# pragma: allowlist secret` (or `allowlist
 * nextline secret` on the line before), `# nosec` (bare, or naming the rule or bandit's
 * B105/B106/B107), and a per-project allowlist of fingerprints.
 */
import type { Finding, Severity, Confidence } from '../core/finding.js';
import type { FileKind } from '../core/file.js';
import { snippetAt, splitLines } from '../core/snippet.js';
import { parseSuppressionMarkers, type SuppressionMarker } from '../core/suppress.js';
import { scanLines, type Candidate } from './scan.js';
import { maskSecret, secretFingerprint, isAllowlisted } from '../core/mask.js';
import { notebookCells } from './notebook.js';
import { secretRule } from './rules.js';
import type { Span } from './lines.js';

export { maskSecret, secretFingerprint, isAllowlisted } from '../core/mask.js';
export { SECRET_RULES, secretRule, type SecretRuleId } from './rules.js';
export { SECRET_FORMATS, formatById, type SecretFormat, type FormatGroup } from './formats/index.js';
export { SECRET_KEYWORDS, credentialNamePattern, credentialKind, isCredentialName, nameWords, type CredentialKind } from '../core/credential-names.js';
export { shannonEntropy } from './entropy.js';

export interface SecretsInput {
  /** Path as reported (relative to the scan root). */
  path: string;
  kind: FileKind;
  text: string;
  /** Fingerprints the project allows (from its configuration); matching findings are dropped. */
  allowlist?: ReadonlySet<string>;
  /**
   * 1-based lines that are documentation, not code (a Python file's docstrings, bare string
   * statements and comment-only lines, from its parse). A generic match there (KR202
   * assignments, KR203 high-entropy strings) is usually example code such as
   * `SECRET_KEY = 'development key'`: it is reported at low severity and confidence. Known
   * credential formats (KR201, KR205) keep their severity: a real key in a docstring leaks too.
   */
  documentationLines?: ReadonlySet<number>;
  /** `text` already split into lines (as `splitLines` does), when the caller has it. */
  lines?: readonly string[];
}

/** Generic detectors whose matches in documentation are taken for examples. */
const GENERIC_IN_DOCS = new Set(['KR202', 'KR203']);

export interface SecretsResult {
  findings: Finding[];
  /** Findings silenced by a pragma, `# nosec` or the allowlist (for the suppressed count). */
  suppressed: Finding[];
}

/** Directories and file names whose secrets are test data: reported at low severity. */
const TEST_PATH = /(?:^|[\\/])(?:tests?|testing|test_?data|fixtures?|__fixtures__|__tests__|spec|specs|mocks?|samples?|examples?)(?:[\\/])|(?:^|[\\/])(?:test_[^\\/]*|[^\\/]*_test\.py|conftest\.py)$/i;

/** True when `path` is in a test, fixture or example directory or is a test module. */
export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

const PRAGMA_NEXT = /pragma:\s*allowlist[ -]nextline[ -]secret/i;
const BANDIT_PASSWORD_TESTS = new Set(['B105', 'B106', 'B107']);

/** The comment (parsed by the engine's one suppression parser) that silences a secret on these lines. */
function suppressedBy(lines: readonly string[], c: { ruleId: string }, startLine: number, endLine: number): SuppressionMarker | undefined {
  if (startLine > 1) {
    const prev = lines[startLine - 2] ?? '';
    const m = prev.length <= 100_000 ? PRAGMA_NEXT.exec(prev) : null;
    if (m) return { kind: 'pragma', ids: 'all', text: prev.slice(m.index).trim().slice(0, 200) };
  }
  for (let n = startLine; n <= Math.min(endLine, startLine + 60); n++) {
    const text = lines[n - 1] ?? '';
    if (text.length > 100_000 || !/nosec|pragma/i.test(text)) continue;
    // `pragma: allowlist secret` may follow any comment marker (`//`, `;`) in other file types.
    for (const s of parseSuppressionMarkers(text)) {
      if (s.kind === 'noqa') continue;
      if (s.kind === 'pragma' || s.ids === 'all' || s.ids.has(c.ruleId) || (c.ruleId === 'KR202' && [...s.ids].some((i) => BANDIT_PASSWORD_TESTS.has(i)))) return s;
    }
  }
  return undefined;
}

/** Replace every span (columns on `lines`) with a mask of the text it covers. */
function maskLines(lines: readonly string[], spans: readonly Span[]): string[] {
  const out = lines.slice();
  const byLine = new Map<number, Span[]>();
  for (const s of spans) {
    if (s.end <= s.start) continue;
    let list = byLine.get(s.line);
    if (!list) byLine.set(s.line, (list = []));
    list.push(s);
  }
  for (const [line, list] of byLine) {
    let text = out[line - 1];
    if (text === undefined) continue;
    list.sort((a, b) => b.start - a.start);
    let floor = Infinity;
    for (const s of list) {
      const end = Math.min(s.end, floor);
      if (end <= s.start) continue;
      text = text.slice(0, s.start) + maskSecret(text.slice(s.start, end)) + text.slice(end);
      floor = s.start;
    }
    out[line - 1] = text;
  }
  return out;
}

function messageFor(c: Candidate, masked: string): string {
  switch (c.ruleId) {
    case 'KR201':
      return `${c.label} hardcoded (${masked}); move it out of the code and revoke it`;
    case 'KR202':
      return `Hardcoded ${c.formatId.replace('generic-', '')} in '${c.label}' (${masked})${c.encoding ? ', base64-encoded' : ''}; read it from the environment or a secret store`;
    case 'KR203':
      return `High-entropy ${c.label} (${(c.entropy ?? 0).toFixed(1)} bits/char, ${c.secret.length} chars) may be a secret (${masked})`;
    case 'KR204':
      return `${c.label}: password ${masked} embedded in the URL; pass credentials separately from the environment`;
    case 'KR205':
      return `${c.label} embedded in the file (${masked}); keep keys out of the repository and rotate it`;
  }
}

const FIX: Record<Candidate['ruleId'], string> = {
  KR201: 'Load the credential at run time (os.environ["NAME"] or a secrets manager), rotate the exposed one, and purge it from history.',
  KR202: 'Read the value from the environment or a secrets manager (os.environ["NAME"]); never ship a default. Mark test data with `# pragma: allowlist secret`.',
  KR203: 'If this is a secret, load it at run time; if it is test data or a hash, mark it with `# pragma: allowlist secret`.',
  KR204: 'Build the URL from parts at run time (e.g. URL.create(password=os.environ["DB_PASSWORD"])) or read the whole URL from the environment.',
  KR205: 'Remove the key from the repository, load it from a file path or secret store given by configuration, and generate a new key pair.',
};

interface Placed {
  c: Candidate;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function place(c: Candidate): Placed {
  const spans = c.spans;
  let first = spans[0];
  let last = spans[0];
  for (const s of spans) {
    if (s.line < first.line || (s.line === first.line && s.start < first.start)) first = s;
    if (s.line > last.line || (s.line === last.line && s.end > last.end)) last = s;
  }
  return { c, startLine: first.line, startColumn: first.start, endLine: last.line, endColumn: last.end };
}

/** Candidates of a notebook, with spans on the .ipynb file's lines (columns found by search). */
function notebookCandidates(text: string, fileLines: readonly string[]): Candidate[] | undefined {
  const cells = notebookCells(text);
  if (!cells) return undefined;
  const out: Candidate[] = [];
  for (const cell of cells) {
    for (const c of scanLines(cell.lines, cell.kind)) {
      const spans: Span[] = [];
      for (const s of c.spans) {
        const line = cell.fileLines[s.line - 1] ?? 1;
        const piece = (cell.lines[s.line - 1] ?? '').slice(s.start, s.end);
        const raw = fileLines[line - 1] ?? '';
        let col = piece ? raw.indexOf(piece) : -1;
        let len = piece.length;
        if (col < 0 && piece) {
          const escaped = JSON.stringify(piece).slice(1, -1);
          col = raw.indexOf(escaped);
          len = escaped.length;
        }
        // Not found as written: mask the whole line rather than risk showing the secret.
        spans.push(col >= 0 ? { line, start: col, end: col + len } : { line, start: 0, end: raw.length });
      }
      out.push({ ...c, spans });
    }
  }
  return out;
}

/**
 * Scan one file for hardcoded secrets; findings and suppressed findings.
 * Never throws on bad input (unparsable notebooks are read as text).
 */
export function scanSecrets(input: SecretsInput): SecretsResult {
  const { path, kind, text } = input;
  const lines = input.lines ?? splitLines(text);
  let candidates: Candidate[] | undefined;
  if (kind === 'notebook') candidates = notebookCandidates(text, lines);
  candidates ??= scanLines(lines, kind === 'notebook' ? 'text' : kind);
  if (candidates.length === 0) return { findings: [], suppressed: [] };

  const placed = candidates.map(place).sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  const masked = maskLines(lines, candidates.flatMap((c) => c.spans));
  const test = isTestPath(path);
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const p of placed) {
    const c = p.c;
    const rule = secretRule(c.ruleId);
    let severity: Severity = c.severity;
    let confidence: Confidence = c.confidence;
    const inDocs = GENERIC_IN_DOCS.has(c.ruleId) && !!input.documentationLines?.has(p.startLine);
    if ((test || inDocs) && severity !== 'info') {
      severity = 'low';
      confidence = 'low';
    }
    const key = `${c.ruleId}\u0000${c.formatId}\u0000${c.secret}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    const maskedSecret = maskSecret(c.secret);
    // Safety net: no snippet line may still hold the whole secret.
    let snippet = snippetAt(masked, p.startLine, p.endLine);
    if (c.secret.length >= 6 && snippet.includes(c.secret)) snippet = snippet.split(c.secret).join(maskedSecret);
    const finding: Finding = {
      ruleId: c.ruleId,
      ruleName: rule.name,
      category: 'secrets',
      severity,
      confidence,
      cwe: c.cwe,
      message: messageFor(c, maskedSecret),
      location: { path, startLine: p.startLine, startColumn: p.startColumn, endLine: p.endLine, endColumn: p.endColumn },
      snippet,
      fix: FIX[c.ruleId],
      fingerprint: secretFingerprint(c.ruleId, c.formatId, path, c.secret, n),
      properties: {
        format: c.formatId,
        formatName: c.ruleId === 'KR202' ? `generic ${c.formatId.replace('generic-', '')}` : c.label,
        masked: maskedSecret,
        secretLength: c.secret.length,
        ...(c.entropy !== undefined ? { entropy: Math.round(c.entropy * 100) / 100 } : {}),
        ...(c.variable ? { variable: c.variable } : {}),
        ...(c.encoding ? { encoding: c.encoding } : {}),
        ...(c.placeholder ? { placeholder: true } : {}),
        ...(test ? { testPath: true } : {}),
        ...(inDocs ? { inDocumentation: true } : {}),
      },
    };
    const comment = suppressedBy(lines, c, p.startLine, p.endLine);
    const why = comment?.kind ?? (isAllowlisted(finding.fingerprint, input.allowlist) ? 'allowlist' : undefined);
    if (why) {
      finding.properties!.suppressedBy = why;
      if (comment) finding.properties!.suppressionComment = comment;
      suppressed.push(finding);
    } else findings.push(finding);
  }
  return { findings, suppressed };
}

/**
 * Hardcoded secrets in one file's text (any kind: Python, .env, YAML, JSON, TOML, INI,
 * Dockerfile, compose, notebook, shell). Returns findings with masked snippets and
 * hashed fingerprints; suppressed findings are left out (see {@link scanSecrets}).
 */
export function detectSecrets(input: SecretsInput): Finding[] {
  return scanSecrets(input).findings;
}
