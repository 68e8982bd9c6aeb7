/**
 * The shape of one credential format, and the small helpers the format tables are written
 * with. Each table entry is data: a regex, keywords for the pre-filter, an optional entropy
 * floor, fake true- and false-positive samples that `test/secrets/formats.test.ts` runs,
 * and the public source of the format.
 */
import type { Severity } from '../../core/finding.js';

export type FormatGroup =
  | 'cloud'
  | 'source-host'
  | 'ci-devtools'
  | 'payment'
  | 'messaging'
  | 'ai'
  | 'database'
  | 'package-registry'
  | 'private-key'
  | 'token'
  | 'monitoring'
  | 'saas';

/** The krait rule that reports a format: known format, credential in a URL, private key. */
export type FormatRuleId = 'KR201' | 'KR204' | 'KR205';

export interface SecretFormat {
  /** Stable kebab-case id, e.g. `aws-access-key-id` (reported as `properties.format`). */
  id: string;
  /** Human name used in messages: "AWS access key id". */
  name: string;
  group: FormatGroup;
  /**
   * The pattern, compiled with the `g` flag. The credential is the named group `secret`
   * (or the whole match). Every quantifier is bounded and no quantified group contains a
   * quantifier (checked by a test), so matching is linear in the line length.
   */
  regex: RegExp;
  /** Lowercase substrings, one of which is in every match: the Aho–Corasick pre-filter. */
  keywords: readonly string[];
  /** Minimum Shannon entropy (bits/char) of the secret; lower matches are ignored. */
  entropy?: number;
  severity: Severity;
  rule: FormatRuleId;
  /** CWE ids, most specific first. */
  cwe: number[];
  /** Optional check after the regex (checksum, decodable JSON header…). */
  validate?: (secret: string) => boolean;
  /** Fake strings this format must detect. */
  tp: readonly string[];
  /** Strings this format must not detect. */
  fp: readonly string[];
  /** Where the format is documented: provider docs URL and/or `gitleaks:<rule-id>`. */
  source: string;
}

/** Input to {@link fmt}: severity, rule and cwe have defaults. */
export type FormatSpec = Omit<SecretFormat, 'severity' | 'rule' | 'cwe' | 'regex'> & {
  regex: string | RegExp;
  severity?: Severity;
  rule?: FormatRuleId;
  cwe?: number[];
};

/** Build a table entry: severity `high`, rule `KR201`, CWE-798 unless given. */
export function fmt(spec: FormatSpec): SecretFormat {
  const regex = typeof spec.regex === 'string' ? new RegExp(spec.regex, 'g') : new RegExp(spec.regex.source, spec.regex.flags.includes('g') ? spec.regex.flags : spec.regex.flags + 'g');
  return { ...spec, regex, severity: spec.severity ?? 'high', rule: spec.rule ?? 'KR201', cwe: spec.cwe ?? [798] };
}

// ---------------------------------------------------------------------------------------
// Regex builders. Left boundary: not preceded by a word character; right boundary: not
// followed by a word character or '-'.

export const LEFT = '(?<![A-Za-z0-9_])';
export const RIGHT = '(?![A-Za-z0-9_-])';

/** A token with a fixed provider prefix: `(?<secret>PREFIX BODY)` between boundaries. */
export function prefixed(prefixSource: string, body: string): string {
  return `${LEFT}(?<secret>${prefixSource}${body})${RIGHT}`;
}

/** A case-insensitive regex source for a plain word; `_` in the word matches `_`, `-`, `.`, a space or nothing. */
export function identSource(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch === '_') out += '[_.\\- ]?';
    else if (/[a-z]/i.test(ch)) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/**
 * A credential whose value has no distinctive prefix, recognised by a provider name in
 * the key it is bound to (`HEROKU_API_KEY = "…"`, `sendbird_token: …`), as gitleaks'
 * semi-generic rules do.
 */
export function keyed(idents: readonly string[], body: string): string {
  return `(?:${idents.map(identSource).join('|')})[\\w.\\- ]{0,24}['"\\]]{0,3}\\s{0,3}(?:=|:=|=>|:|,|\\?=)\\s{0,3}[bru]{0,1}['"\`]{0,1}\\s{0,2}(?<secret>${body})${RIGHT}`;
}

/** Keywords for {@link keyed}: the longest word of each ident, lowercased. */
export function keyedKeywords(idents: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of idents) {
    const words = id.toLowerCase().split('_').filter(Boolean);
    out.add(words.reduce((a, b) => (b.length > a.length ? b : a), ''));
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------
// Fake samples: characters counted off an alphabet (`0123456789ABC…`), visibly synthetic
// yet with the length and character set of the real thing.

export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const HEX_UPPER = '0123456789ABCDEF';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = DIGITS + UPPER + LOWER;
export const LOWER_ALNUM = DIGITS + LOWER;
export const UPPER_ALNUM = DIGITS + UPPER;
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const LETTERS = UPPER + LOWER;

/** `n` characters counted off `alphabet` from `offset` in steps of `stride`, wrapping around. */
export function seq(alphabet: string, n: number, offset = 0, stride = 1): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[(offset + i * stride) % alphabet.length];
  return s;
}

/** A fake UUID made of counted hex digits. */
export function fakeUuid(offset = 0, upper = false): string {
  const h = seq(upper ? HEX_UPPER : HEX, 32, offset);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Input to {@link keyedFmt}: a provider-named value. */
export interface KeyedSpec {
  id: string;
  name: string;
  group: FormatGroup;
  idents: readonly string[];
  body: string;
  /** A fake value matching `body` (the samples are built around it). */
  sample: string;
  entropy?: number;
  severity?: Severity;
  cwe?: number[];
  source: string;
  extraTp?: string[];
  extraFp?: string[];
}

/**
 * A {@link keyed} format with its samples: true positives bind the sample to
 * `<IDENT>_API_KEY` (Python) and `<ident>_token:` (YAML); false positives bind it to a
 * name without the provider and bind a value 3 characters short.
 */
export function keyedFmt(k: KeyedSpec): SecretFormat {
  const ident = k.idents[0];
  const up = ident.toUpperCase();
  return fmt({
    id: k.id,
    name: k.name,
    group: k.group,
    regex: keyed(k.idents, k.body),
    keywords: keyedKeywords(k.idents),
    ...(k.entropy !== undefined ? { entropy: k.entropy } : {}),
    ...(k.severity ? { severity: k.severity } : {}),
    ...(k.cwe ? { cwe: k.cwe } : {}),
    tp: [`${up}_API_KEY = "${k.sample}"`, `${ident.toLowerCase()}_token: ${k.sample}`, ...(k.extraTp ?? [])],
    fp: [`unrelated_value = "${k.sample}"`, `${up}_API_KEY = "${k.sample.slice(0, Math.floor(k.sample.length / 2))}"`, ...(k.extraFp ?? [])],
    source: k.source,
  });
}
