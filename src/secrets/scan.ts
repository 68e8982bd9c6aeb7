/**
 * The detectors, over the logical lines of one text: known formats (KR201/KR204/KR205),
 * credential-named assignments (KR202), high-entropy literals (KR203), base64 values that
 * decode to a known format, and multi-line PEM blocks. Returns candidates with physical
 * spans; `index.ts` places and masks them (`secretFacts`), the rules in src/rules/secrets/ word them.
 *
 * Cost: one Aho–Corasick pass per line (per 64 KB chunk of a long line) selects the
 * formats to run; the generic detectors read only the first 4 KB of a line; every regex
 * has bounded quantifiers.
 */
import type { Confidence, Severity } from '../core/finding.js';
import type { FileKind } from '../core/file.js';
import { SECRET_FORMATS, PEM_LABELS, type SecretFormat } from './formats/index.js';
import { KeywordMatcher } from './keyword-matcher.js';
import { charClasses, shannonEntropy } from './entropy.js';
import { credentialKind, SECRET_KEYWORDS, type CredentialKind } from '../core/credential-names.js';
import { gradeFormatValue, gradeGenericValue, isSequentialRun, isTemplateOrEmpty } from '../core/placeholder.js';
import { physicalLine, toSpans, type LogicalLine, type Span } from './lines.js';
import { joinPythonStrings, pythonStrings, type StringLiteral } from './python-lines.js';
import { joinYamlValues } from './yaml-lines.js';

/** Long lines are scanned for formats in chunks of this many characters (plus an overlap). */
export const FORMAT_CHUNK = 65_536;
const FORMAT_OVERLAP = 4_096;
/** The generic detectors (names, entropy) read only this much of each line. */
export const GENERIC_LINE_CAP = 4_096;
/** At most this many candidates per file (a hostile file cannot flood the report). */
export const MAX_CANDIDATES = 5_000;

/** The secrets rules (src/rules/secrets/), one per kind of candidate. */
export type SecretRuleId = 'KR201' | 'KR202' | 'KR203' | 'KR204' | 'KR205';

/** One secret found by a detector: rule, format, value, physical spans, default severity. */
export interface Candidate {
  ruleId: SecretRuleId;
  /** Format id (table entry), or `generic-<kind>` / `high-entropy-base64|hex`. */
  formatId: string;
  /** Format name, or the bound name for generic findings. */
  label: string;
  secret: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  spans: Span[];
  /** Lower sorts first when candidates overlap. */
  rank: [number, number, number];
  variable?: string;
  entropy?: number;
  encoding?: 'base64';
  placeholder?: boolean;
}

/** How a file kind is read. */
type Mode = 'python' | 'config' | 'yaml' | 'json' | 'text' | 'lock' | 'skip';

function modeOf(kind: FileKind): Mode {
  switch (kind) {
    case 'python':
    case 'setup-py':
    case 'notebook':
      return 'python';
    case 'yaml':
    case 'compose':
    case 'conda-env':
      return 'yaml';
    case 'json':
      return 'json';
    case 'env':
    case 'shell':
    case 'dockerfile':
    case 'ini':
    case 'setup-cfg':
    case 'toml':
    case 'pyproject':
    case 'pipfile':
    case 'requirements':
      return 'config';
    case 'pipfile-lock':
    case 'poetry-lock':
    case 'uv-lock':
    case 'pdm-lock':
    case 'pylock':
      return 'lock';
    case 'gitignore':
      return 'skip';
    default:
      return 'text';
  }
}

// ---------------------------------------------------------------------------------------
// The format table, compiled once per worker.

interface Compiled {
  f: SecretFormat;
  re: RegExp;
  index: number;
}

const COMPILED: Compiled[] = SECRET_FORMATS.map((f, index) => ({ f, re: new RegExp(f.regex.source, 'gd' + f.regex.flags.replace(/[gd]/g, '')), index }));
const KEYWORDS: string[] = [];
const KEYWORD_FORMATS: number[][] = [];
{
  const at = new Map<string, number>();
  COMPILED.forEach((c, fi) => {
    for (const kw of c.f.keywords) {
      let k = at.get(kw);
      if (k === undefined) {
        k = KEYWORDS.length;
        at.set(kw, k);
        KEYWORDS.push(kw);
        KEYWORD_FORMATS.push([]);
      }
      KEYWORD_FORMATS[k].push(fi);
    }
  });
}
const MATCHER = new KeywordMatcher(KEYWORDS);
const PEM_FORMAT = new Map(SECRET_FORMATS.filter((f) => f.rule === 'KR205').map((f) => [f.id, f]));

// ---------------------------------------------------------------------------------------

function push(out: Candidate[], c: Candidate): void {
  if (out.length < MAX_CANDIDATES) out.push(c);
}

/** Find format matches in `text` (any string; no location), for base64-decoded values. */
function formatsIn(text: string): { f: SecretFormat; index: number; secret: string } | undefined {
  const lower = text.toLowerCase();
  const hits = MATCHER.scan(lower);
  const fis = new Set<number>();
  for (const k of hits) for (const fi of KEYWORD_FORMATS[k]) fis.add(fi);
  for (const fi of [...fis].sort((a, b) => a - b)) {
    const c = COMPILED[fi];
    c.re.lastIndex = 0;
    const m = c.re.exec(text);
    if (!m) continue;
    const secret = m.groups?.secret ?? m[0];
    if (acceptFormatValue(c.f, secret) === 'drop') continue;
    return { f: c.f, index: fi, secret };
  }
  return undefined;
}

function acceptFormatValue(f: SecretFormat, secret: string): 'drop' | 'low' | 'keep' {
  if (f.entropy !== undefined && shannonEntropy(secret) < f.entropy) return 'drop';
  if (f.validate && !f.validate(secret)) return 'drop';
  if (f.rule === 'KR204') return gradeGenericValue(decodeURIComponentSafe(secret)) === 'keep' ? 'keep' : 'drop';
  return gradeFormatValue(secret);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** KR201/KR204/KR205 on one logical line. */
function scanFormats(l: LogicalLine, out: Candidate[]): void {
  const text = l.text;
  const n = text.length;
  for (let s = 0; s < n; s += FORMAT_CHUNK) {
    const e = Math.min(n, s + FORMAT_CHUNK + FORMAT_OVERLAP);
    const last = e === n;
    const chunk = s === 0 && last ? text : text.slice(s, e);
    const hits = MATCHER.scan(lowerOf(chunk));
    if (hits.size === 0) continue;
    const fis = new Set<number>();
    for (const k of hits) for (const fi of KEYWORD_FORMATS[k]) fis.add(fi);
    for (const fi of fis) {
      const { f, re, index } = COMPILED[fi];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let count = 0;
      while ((m = re.exec(chunk)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        if (!last && m.index >= FORMAT_CHUNK) break; // the next chunk sees it whole
        if (++count > 200) break;
        const secret = m.groups?.secret ?? m[0];
        const range = m.indices?.groups?.secret ?? m.indices![0];
        const grade = acceptFormatValue(f, secret);
        if (grade === 'drop') continue;
        const spans = toSpans(l, s + range[0], s + range[1]);
        if (spans.length === 0 || (l.joined && spans.length < 2)) continue;
        if (f.rule === 'KR205') {
          // A key's location starts at its BEGIN line (an empty span there).
          const head = toSpans(l, s + m.index, s + m.index + 1)[0];
          if (head && head.line < spans[0].line) spans.unshift({ line: head.line, start: head.start, end: head.start });
        }
        push(out, {
          ruleId: f.rule,
          formatId: f.id,
          label: f.name,
          secret,
          severity: grade === 'low' ? 'low' : f.severity,
          confidence: grade === 'low' ? 'low' : 'high',
          cwe: f.cwe,
          spans,
          rank: [0, -secret.length, index],
          ...(grade === 'low' ? { placeholder: true } : {}),
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// KR202: credential names bound to literals.

/** `name <op> "literal"`: assignments, keyword arguments, dict entries, comparisons, JSON, TOML. */
const QUOTED_ASSIGNMENT =
  /(?<name>[A-Za-z_$@][\w.\-$@]{0,100})(?:(?<close>["'\]]{1,2})|\s{0,3}:\s{0,3}[A-Za-z_][\w.[\], |]{0,60}?\s{0,3}(?==)){0,1}\s{0,5}(?<op>:=|=>|==|!=|\+=|=|:)\s{0,5}(?:[bBrRuU]{1,2}){0,1}(?:"(?<v1>[^"\\\r\n]{0,512})"|'(?<v2>[^'\\\r\n]{0,512})'|`(?<v3>[^`\\\r\n]{0,512})`)/dg;
/** `getenv("NAME", "fallback")`, `config.get("password", "…")`, `setdefault("TOKEN", "…")`. */
const DEFAULT_ARGUMENT =
  /(?:getenv|\.get|setdefault)\(\s{0,3}["'](?<name>[\w.-]{1,100})["']\s{0,3},\s{0,3}(?:[bBrRuU]{1,2}){0,1}(?:"(?<v1>[^"\\\r\n]{0,512})"|'(?<v2>[^'\\\r\n]{0,512})')/dg;
/** `KEY=value` / `key: value` / `export KEY=value` / `- KEY=value` with an unquoted value. */
const UNQUOTED_ASSIGNMENT =
  /^\s{0,40}(?:export\s{1,5}|ENV\s{1,5}|ARG\s{1,5}|set\s{1,5}|-\s{1,5}){0,1}["']{0,1}(?<name>[A-Za-z_][\w.-]{0,100})["']{0,1}\s{0,5}(?:=|:)\s{0,5}(?<value>[^\s'"`#;,{}[\]|>&*!][^\s'"`]{0,511})\s{0,5}(?:[#;][^\n]{0,4096}){0,1}$/d;
/** Dockerfile `ENV NAME value`. */
const DOCKER_ENV = /^\s{0,10}ENV\s{1,5}(?<name>[A-Za-z_]\w{0,100})\s{1,5}(?<value>[^\s=][^\s]{0,511})\s{0,5}$/d;

const CWE_BY_KIND: Record<CredentialKind, number[]> = {
  password: [259, 798],
  key: [321, 798],
  token: [798],
  secret: [798],
  credential: [798],
};

function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The printable text a base64 value decodes to, when it is one. */
function decodeBase64Text(v: string): string | undefined {
  if (v.length < 8 || v.length > 4096 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) || (v.length % 4 !== 0 && !v.endsWith('='))) return undefined;
  if (!/[0-9+/=]/.test(v) && !/[A-Z]/.test(v)) return undefined;
  const buf = Buffer.from(v, /[-_]/.test(v) ? 'base64url' : 'base64');
  if (buf.length < 4) return undefined;
  for (const b of buf) if (b < 0x20 || b > 0x7e) return undefined;
  return buf.toString('latin1');
}

function genericValue(l: LogicalLine, name: string, value: string, vStart: number, quoted: boolean, out: Candidate[]): void {
  const kind = credentialKind(name);
  if (!kind) return;
  const v = value.trim();
  if (v.length < 3) return;
  const decoded = decodeBase64Text(v);
  const judged = decoded ?? v;
  let grade = gradeGenericValue(judged);
  if (grade === 'drop') return;
  if (/\s/.test(v) && v.split(/\s+/).length > 3) return; // prose
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(v) && !/:\/\/[^/@\s]*:[^/@\s]+@/.test(v)) return; // URL without credentials
  if (/[/\\]/.test(v) && /^(?:[~.]{0,2}[/\\]|[A-Za-z]:\\)/.test(v)) return; // path
  if (/\.(?:pem|key|crt|cer|der|json|txt|ya?ml|toml|ini|cfg|conf|env|p12|pfx|jks|keystore|gpg|asc|pub|py|sh)$/i.test(v)) return; // file name
  if (/^[^@\s:/]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return; // e-mail address
  if (/%\(\w{0,40}\)[sdr]|%[sd]\b|\{[\w.]{0,40}\}|\$\{|\{\{/.test(v)) return; // format or template
  const last = name.split(/[.[\]/]/).filter(Boolean).pop() ?? name;
  if (normalizeName(v) === normalizeName(last) || normalizeName(v) === normalizeName(name)) return;
  if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v) && credentialKind(v)) return; // the value is a key name ("api_key")
  if (!quoted && /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(v)) return; // dotted reference
  if (!quoted && /^-?\d+(?:\.\d+)?$/.test(v) && kind !== 'password') return;
  if (/^(?:[A-Z][a-z]+ ?){1,4}:?$/.test(v)) return; // a label ("Password", "Api Key:")
  let severity: Severity = 'medium';
  let confidence: Confidence = 'medium';
  const ent = shannonEntropy(judged);
  const classes = charClasses(judged);
  if (grade === 'keep' && (judged.length < 6 || (/^[a-z]+$/.test(judged) && judged.length < 12))) grade = 'low';
  if (grade === 'low') {
    severity = 'low';
    confidence = 'low';
  } else if ((judged.length >= 12 && classes >= 3) || (judged.length >= 16 && ent >= 3.5)) {
    severity = 'high';
    confidence = 'high';
  }
  const start = vStart + (value.length - value.trimStart().length);
  const spans = toSpans(l, start, start + v.length);
  if (spans.length === 0) return;
  push(out, {
    ruleId: 'KR202',
    formatId: `generic-${kind}`,
    label: name,
    secret: v,
    severity,
    confidence,
    cwe: CWE_BY_KIND[kind],
    spans,
    rank: [1, -v.length, 0],
    variable: last,
    entropy: ent,
    ...(decoded ? { encoding: 'base64' as const } : {}),
    ...(grade === 'low' ? { placeholder: true } : {}),
  });
}

/** Any of SECRET_KEYWORDS, case-insensitively, in one regular-expression pass. */
const SECRET_KEYWORD_RE = new RegExp(SECRET_KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

function hasSecretKeyword(text: string): boolean {
  return SECRET_KEYWORD_RE.test(text);
}

let lastText = '';
let lastLower = '';
/** `text.toLowerCase()`, remembered for the last text: the three scans of a line share it. */
function lowerOf(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

function scanGeneric(l: LogicalLine, mode: Mode, out: Candidate[]): void {
  const text = l.text.length > GENERIC_LINE_CAP ? l.text.slice(0, GENERIC_LINE_CAP) : l.text;
  if (!hasSecretKeyword(text)) return;
  for (const re of [QUOTED_ASSIGNMENT, DEFAULT_ARGUMENT]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const g = m.groups!;
      const which = g.v1 !== undefined ? 'v1' : g.v2 !== undefined ? 'v2' : 'v3';
      const value = g[which];
      if (value === undefined) continue;
      // In Python `name: "x"` is a dict entry only when the key is a string literal.
      if (re === QUOTED_ASSIGNMENT && mode === 'python' && g.op === ':' && !g.close) continue;
      genericValue(l, g.name, value, m.indices!.groups![which][0], true, out);
    }
  }
  if (mode === 'config' || mode === 'yaml' || mode === 'text') {
    for (const re of [UNQUOTED_ASSIGNMENT, DOCKER_ENV]) {
      const m = re.exec(text);
      if (!m) continue;
      const name = m.groups!.name;
      if (mode === 'text' && !/^[A-Z][A-Z0-9_]{2,}$/.test(name)) continue;
      genericValue(l, name, m.groups!.value, m.indices!.groups!.value[0], false, out);
    }
  }
}

// ---------------------------------------------------------------------------------------
// KR203: high-entropy literals, and base64 values that decode to a known format.

const QUOTED_LITERAL = /"(?<a>[^"\\\r\n\s]{16,2048})"|'(?<b>[^'\\\r\n\s]{16,2048})'/dg;
const HASH_CONTEXT = /sha\d|md5|hash|digest|checksum|\bsum\b|fingerprint|commit|revision|\brev\b|uuid|guid|integrity|etag|nonce|salt|vector|expected|known|sri-/i;

function entropyThreshold(len: number): number {
  return Math.min(4.5, Math.log2(len) * 0.92);
}

function literalCandidate(l: LogicalLine, s: string, vStart: number, lineLower: string, out: Candidate[]): void {
  if (s.length < 16) return;
  // Base64 that decodes to a known credential format.
  const decoded = decodeBase64Text(s);
  if (decoded && decoded.length >= 12) {
    const hit = formatsIn(decoded);
    if (hit) {
      const spans = toSpans(l, vStart, vStart + s.length);
      if (spans.length && !(l.joined && spans.length < 2)) {
        push(out, {
          ruleId: hit.f.rule, formatId: hit.f.id, label: `${hit.f.name} (base64-encoded)`, secret: s,
          severity: hit.f.severity, confidence: 'high', cwe: hit.f.cwe, spans, rank: [0, -s.length, hit.index], encoding: 'base64',
        });
      }
      return;
    }
  }
  if (s.length < 20 || s.length > 512) return;
  // Base64 of printable text is encoded text, not random key material.
  if (decoded && decoded.length >= 12) return;
  const isHexToken = /^[0-9a-fA-F]+$/.test(s);
  if (isHexToken) {
    if (s.length < 32 || HASH_CONTEXT.test(lineLower)) return;
    const ent = shannonEntropy(s);
    if (ent < 3.0 || isSequentialRun(s) || /^(?:[0-9a-f]{2})?(?:0{8,}|f{8,})/i.test(s)) return;
    const spans = toSpans(l, vStart, vStart + s.length);
    if (!spans.length || (l.joined && spans.length < 2)) return;
    push(out, { ruleId: 'KR203', formatId: 'high-entropy-hex', label: 'hex string', secret: s, severity: 'low', confidence: 'low', cwe: [798], spans, rank: [2, -s.length, 1], entropy: ent });
    return;
  }
  if (s.length < 24 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return;
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s)) return;
  const digits = s.replace(/[^0-9]/g, '').length;
  if (digits < 2) return;
  const ent = shannonEntropy(s);
  if (ent < entropyThreshold(s.length) || isSequentialRun(s) || isTemplateOrEmpty(s)) return;
  if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}/.test(s)) return; // CamelCaseIdentifier
  const spans = toSpans(l, vStart, vStart + s.length);
  if (!spans.length || (l.joined && spans.length < 2)) return;
  push(out, {
    ruleId: 'KR203', formatId: 'high-entropy-base64', label: 'base64 string', secret: s,
    severity: 'medium', confidence: s.length >= 32 && ent >= 4.8 ? 'medium' : 'low', cwe: [798], spans, rank: [2, -s.length, 0], entropy: ent,
  });
}

function scanEntropy(l: LogicalLine, mode: Mode, out: Candidate[], stringsOf: (line: string) => StringLiteral[] = pythonStrings): void {
  const text = l.text.length > GENERIC_LINE_CAP ? l.text.slice(0, GENERIC_LINE_CAP) : l.text;
  if (text.length < 18) return;
  const lower = lowerOf(text);
  if (mode === 'python') {
    for (const lit of stringsOf(text)) {
      if (/[fF]/.test(lit.prefix) || /[bB]/.test(lit.prefix)) continue;
      const s = text.slice(lit.cStart, lit.cEnd);
      if (!/\s/.test(s)) literalCandidate(l, s, lit.cStart, lower, out);
    }
    return;
  }
  QUOTED_LITERAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED_LITERAL.exec(text)) !== null) {
    const which = m.groups!.a !== undefined ? 'a' : 'b';
    literalCandidate(l, m.groups![which], m.indices!.groups![which][0], lower, out);
  }
  if (mode === 'config' || mode === 'yaml') {
    const u = UNQUOTED_ASSIGNMENT.exec(text);
    if (u) literalCandidate(l, u.groups!.value, u.indices!.groups!.value[0], lower, out);
  }
}

// ---------------------------------------------------------------------------------------
// KR205 across lines: PEM blocks, SSH2 and PuTTY key files.

const PEM_HEADER = /-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----|---- BEGIN (SSH2 ENCRYPTED PRIVATE KEY) ----/;
const BODY_RUN = /[A-Za-z0-9+/=]{16,4096}/g;

function scanPem(lines: readonly string[], out: Candidate[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 1_000_000) continue;
    const m = line.includes('BEGIN') ? PEM_HEADER.exec(line) : null;
    let formatId: string | undefined;
    let bodyFrom = 0;
    let bodyLine = i;
    if (m) {
      const label = m[1] ?? m[2];
      formatId = PEM_LABELS.find((p) => p.label.test(label))?.id;
      bodyFrom = m.index + m[0].length;
    } else if (line.includes('PuTTY-User-Key-File-')) {
      formatId = 'private-key-putty';
      for (let k = i + 1; k < Math.min(lines.length, i + 60); k++) {
        if (/Private-Lines:\s*\d/.test(lines[k])) {
          bodyLine = k + 1;
          break;
        }
      }
      if (bodyLine === i) continue;
      bodyFrom = 0;
    }
    if (!formatId) continue;
    const f = PEM_FORMAT.get(formatId);
    if (!f) continue;
    const spans: Span[] = [];
    let secret = '';
    let endLine = i;
    for (let k = bodyLine; k < Math.min(lines.length, bodyLine + 400); k++) {
      const raw = lines[k];
      if (raw.length > 8192) break;
      const from = k === bodyLine ? bodyFrom : 0;
      let endAt = raw.indexOf('-----END', from);
      if (endAt < 0) endAt = raw.indexOf('---- END', from);
      const seg = raw.slice(0, endAt >= 0 ? endAt : raw.length).replace(/\\[nr]/g, '  ');
      const body = seg.slice(from);
      endLine = k;
      if (formatId === 'private-key-putty' && /Private-MAC:/.test(body)) break;
      if (/^\s*["']?(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset|Subject|Encryption):/.test(body)) {
        if (endAt >= 0) break;
        continue;
      }
      // A body line holds base64 and nothing else but quotes, commas, brackets and string prefixes.
      const tokens = body.replace(/["',()\\]/g, ' ').trim().split(/\s+/).filter((t) => t && t !== '+' && !/^[rRbBuUfF]{1,2}$/.test(t));
      if (!tokens.every((t) => /^[A-Za-z0-9+/=]{1,4096}$/.test(t))) break;
      BODY_RUN.lastIndex = from;
      let r: RegExpExecArray | null;
      while ((r = BODY_RUN.exec(seg)) !== null) {
        spans.push({ line: k + 1, start: r.index, end: r.index + r[0].length });
        secret += r[0];
      }
      if (endAt >= 0) break;
    }
    if (secret.length < 64 || shannonEntropy(secret) < (f.entropy ?? 4)) continue;
    if (spans.length && spans[0].line !== i + 1) spans.unshift({ line: i + 1, start: m ? m.index : 0, end: m ? m.index : 0 });
    push(out, {
      ruleId: 'KR205', formatId: f.id, label: f.name, secret, severity: f.severity, confidence: 'high', cwe: f.cwe,
      spans, rank: [0, -secret.length, SECRET_FORMATS.indexOf(f)],
    });
    i = Math.max(i, endLine);
  }
}

// ---------------------------------------------------------------------------------------

function overlaps(a: Span, b: Span): boolean {
  return a.line === b.line && a.start < b.end && b.start < a.end;
}

/** Keep the best candidate where candidates overlap: formats, then names, then entropy; longer, then earlier in the table. */
function resolve(cands: Candidate[]): Candidate[] {
  const sorted = cands.slice().sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
  const byLine = new Map<number, Span[]>();
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const real = c.spans.filter((s) => s.end > s.start);
    let clash = false;
    for (const s of real) {
      for (const t of byLine.get(s.line) ?? []) if (overlaps(s, t)) clash = true;
      if (clash) break;
    }
    if (clash) continue;
    kept.push(c);
    for (const s of real) {
      let list = byLine.get(s.line);
      if (!list) byLine.set(s.line, (list = []));
      list.push(s);
    }
  }
  return kept;
}

/**
 * All secret candidates in `lines` (a file's text split into lines) read as `kind`,
 * overlapping candidates resolved. Spans are 1-based lines, 0-based columns.
 */
export function scanLines(lines: readonly string[], kind: FileKind): Candidate[] {
  const mode = modeOf(kind);
  if (mode === 'skip') return [];
  const out: Candidate[] = [];
  // A line's Python literals are listed once and shared by the entropy scan and the joining.
  const memo = new Map<string, StringLiteral[]>();
  const stringsOf = (line: string): StringLiteral[] => {
    let lits = memo.get(line);
    if (!lits) memo.set(line, (lits = pythonStrings(line)));
    return lits;
  };
  for (let i = 0; i < lines.length && out.length < MAX_CANDIDATES; i++) {
    const line = lines[i];
    if (line.length < 8) continue;
    const l = physicalLine(line, i + 1);
    scanFormats(l, out);
    if (mode !== 'lock') {
      scanGeneric(l, mode, out);
      scanEntropy(l, mode, out, stringsOf);
    }
  }
  const joined = mode === 'python' ? joinPythonStrings(lines, GENERIC_LINE_CAP, stringsOf) : mode === 'yaml' ? joinYamlValues(lines) : [];
  for (const l of joined) {
    scanFormats(l, out);
    scanGeneric(l, mode, out);
    scanEntropy(l, mode, out, stringsOf);
  }
  scanPem(lines, out);
  return resolve(out);
}
