/**
 * Hardcoded secrets: the per-file facts of the secrets analysis, and its public API.
 *
 * `secretFacts` reads one file of any kind (Python, notebooks, .env, YAML, JSON, TOML,
 * INI, Dockerfile, compose, shell, requirements, text) and returns its secret candidates
 * (format, value, location, masked value, context), in file order. The secrets rules
 * KR201–KR205 (`src/rules/secrets/`) turn the candidates of their kind into findings whose
 * message, snippet and properties never hold a whole secret, and whose fingerprint is a
 * hash (see `mask.ts`); `settleSecretFindings` then applies the suppressions: `# pragma:
 * allowlist secret` (or `allowlist nextline secret` on the line before), `# nosec` (bare,
 * or naming the rule or bandit's B105/B106/B107), and a per-project allowlist of
 * fingerprints. `src/pipeline/secrets.ts` puts the three together (`scanSecrets`).
 */
import type { Finding } from '../core/finding.js';
import type { FileKind } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import { parseSuppressionMarkers, type SuppressionMarker } from '../core/suppress.js';
import { scanLines, type Candidate } from './scan.js';
import { maskSecret, isAllowlisted } from '../core/mask.js';
import { notebookCells } from './notebook.js';
import type { Span } from './lines.js';

export { maskSecret, secretFingerprint, isAllowlisted } from '../core/mask.js';
export type { Candidate, SecretRuleId } from './scan.js';
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

/** The comment (parsed by the engine's one suppression parser) that silences a secret of rule `c.ruleId` on these lines. */
export function secretSuppression(lines: readonly string[], c: { ruleId: string }, startLine: number, endLine: number): SuppressionMarker | undefined {
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

/** A secret candidate of one file, placed: where it starts and ends, its mask, its occurrence. */
export interface SecretCandidateFacts extends Candidate {
  /** 1-based lines, 0-based columns (of the first and last span). */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The secret masked (`ghp_…WXYZ`-style), for messages. */
  masked: string;
  /** How many candidates of the same rule, format and value come before this one in the file (for fingerprints). */
  occurrence: number;
}

/** What the secrets rules check in one file. */
export interface SecretFileFacts {
  /** Path as reported. */
  path: string;
  /** The file's lines. */
  lines: readonly string[];
  /** The file's lines with every candidate's text masked (for snippets). */
  maskedLines: string[];
  /** The file is a test, fixture or example file (see {@link isTestPath}). */
  testPath: boolean;
  /** Documentation lines (see `SecretsInput.documentationLines`). */
  documentationLines?: ReadonlySet<number>;
  /** Fingerprints the project allows. */
  allowlist?: ReadonlySet<string>;
  /** The candidates, overlaps resolved, in file order (line, then column). */
  candidates: SecretCandidateFacts[];
}

function place(c: Candidate): SecretCandidateFacts {
  const spans = c.spans;
  let first = spans[0];
  let last = spans[0];
  for (const s of spans) {
    if (s.line < first.line || (s.line === first.line && s.start < first.start)) first = s;
    if (s.line > last.line || (s.line === last.line && s.end > last.end)) last = s;
  }
  return { ...c, startLine: first.line, startColumn: first.start, endLine: last.line, endColumn: last.end, masked: '', occurrence: 0 };
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
 * The secret candidates of one file and what the rules need to report them. Never throws
 * on bad input (unparsable notebooks are read as text).
 */
export function secretFacts(input: SecretsInput): SecretFileFacts {
  const { path, kind, text } = input;
  const lines = input.lines ?? splitLines(text);
  const facts: SecretFileFacts = { path, lines, maskedLines: [], testPath: false, candidates: [] };
  if (input.documentationLines) facts.documentationLines = input.documentationLines;
  if (input.allowlist) facts.allowlist = input.allowlist;
  let candidates: Candidate[] | undefined;
  if (kind === 'notebook') candidates = notebookCandidates(text, lines);
  candidates ??= scanLines(lines, kind === 'notebook' ? 'text' : kind);
  if (candidates.length === 0) return facts;

  facts.candidates = candidates.map(place).sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  facts.maskedLines = maskLines(lines, candidates.flatMap((c) => c.spans));
  facts.testPath = isTestPath(path);
  const occurrences = new Map<string, number>();
  for (const c of facts.candidates) {
    const key = `${c.ruleId}\u0000${c.formatId}\u0000${c.secret}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    c.occurrence = n;
    c.masked = maskSecret(c.secret);
  }
  return facts;
}

/**
 * Split the findings the secrets rules reported for one file (in file order) into reported
 * and suppressed ones: a `pragma: allowlist secret` or `# nosec` comment on their lines, or
 * a fingerprint on the project's allowlist (marked in `properties.suppressedBy`).
 */
export function settleSecretFindings(facts: SecretFileFacts, found: readonly Finding[]): SecretsResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of found) {
    const comment = secretSuppression(facts.lines, finding, finding.location.startLine, finding.location.endLine);
    const why = comment?.kind ?? (isAllowlisted(finding.fingerprint, facts.allowlist) ? 'allowlist' : undefined);
    if (why) {
      finding.properties!.suppressedBy = why;
      if (comment) finding.properties!.suppressionComment = comment;
      suppressed.push(finding);
    } else findings.push(finding);
  }
  return { findings, suppressed };
}
