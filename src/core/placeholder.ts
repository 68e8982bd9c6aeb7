/**
 * Placeholders and non-values: what a literal looks like when it is not a real secret
 * (`changeme`, `<your-key>`, `${VAR}`, `xxxx`, `None`…). Two grades: values that are
 * templates or empty are dropped; values that are probably placeholders are reported low.
 */

/** Template syntax, references and empty values: never a literal secret. */
const TEMPLATE =
  /^(?:\$\{[^}]{0,200}\}|\$\([^)]{0,200}\)|\$[A-Za-z_][A-Za-z0-9_]{0,100}|\{\{[^}]{0,200}\}\}|\{[A-Za-z0-9_.]{0,100}\}|%\([A-Za-z0-9_]{0,100}\)[sdr]|%[sdr]|%[A-Za-z_][A-Za-z0-9_]{0,100}%|@[A-Za-z_][A-Za-z0-9_]{0,100}@|<[^<>]{0,200}>|\[[^[\]]{0,200}\]|#\{[^}]{0,200}\}|ENC\[[^\]]{0,4000}\])$/;

const NULLISH = new Set(['', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off', '~', 'n/a', 'na', '-', 'tbd', 'string', 'str', 'bytes', 'required', 'optional', 'secret', 'password', 'token', 'redacted', 'hidden', 'masked', 'env', 'environ', 'default', 'value', 'auto', 'unset', 'empty', 'os.environ', 'getenv']);

/** Words that mark a value as a stand-in wherever they occur in it. */
const MARKERS = /(?:example|xxxx|\*\*\*|\.\.\.|\u2026|your[_\-. ]?(?:own|api|secret|token|key|password|pass|access|app|client|real)|placeholder|redacted|dummy|change[_\-. ]?(?:me|it|this)|replace[_\-. ]?(?:me|this|with)|insert[_\-. ]?(?:your|here)|put[_\-. ]?your|_here\b|-here\b|fixme|todo)/i;

/** Words that, as the whole value or most of it, say "not real" in generic contexts. */
const WEAK_WORDS = /^(?:test(?:ing)?|fake|mock|demo|sample|foo|bar|baz|foobar|qux|dev|development|local|localhost|admin|root|guest|user|pass|passw(?:or)?d|secret|token|key|apikey|api[_-]key|abc|abcd|abc123|qwerty|letmein|hunter2|s3cr3t|p@ssw0rd|pa\$\$w0rd|1234|12345|123456|12345678|password1|password123|test123|testing123|notasecret|not[_-]?a[_-]?secret|insecure|unsafe|invalid|bogus|sekrit|topsecret|supersecret|mysecret|mypassword|mytoken)$/i;

/**
 * True when `value` cannot be a literal secret: empty, null-like, a reference to a
 * variable or template (`${DB_PASS}`, `{{ vault }}`, `%(pw)s`, `<token>`), or one character
 * repeated (`xxxxxxxx`, `********`).
 */
export function isTemplateOrEmpty(value: string): boolean {
  const v = value.trim();
  if (NULLISH.has(v.toLowerCase())) return true;
  if (TEMPLATE.test(v)) return true;
  if (v.length >= 3 && /^(.)\1+$/.test(v)) return true;
  if (/^(?:os\.)?(?:environ|getenv)\b/.test(v)) return true;
  return false;
}

/** True when `value` contains a placeholder marker (`example`, `xxxx`, `<…>`, `your_api_key`, `changeme`…). */
export function hasPlaceholderMarker(value: string): boolean {
  return MARKERS.test(value) || /\$\{[^}]{1,200}\}|\{\{[^}]{1,200}\}\}|<[A-Za-z_ -]{2,60}>/.test(value);
}

/** True when `value` is alphabetic or numeric counting (`abcdefgh`, `12345678`, `ABCDEFG`) for 8 or more characters. */
export function isSequentialRun(value: string): boolean {
  if (value.length < 6) return false;
  let run = 1;
  let best = 1;
  for (let i = 1; i < value.length; i++) {
    if (value.charCodeAt(i) === value.charCodeAt(i - 1) + 1) {
      run++;
      if (run > best) best = run;
    } else run = 1;
  }
  return best >= Math.min(8, value.length);
}

/**
 * Grade a literal found in a generic context (`password = "…"`): `'drop'` for templates and
 * empties, `'low'` for placeholder-looking or weak stand-in values, `'keep'` otherwise.
 */
export function gradeGenericValue(value: string): 'drop' | 'low' | 'keep' {
  if (isTemplateOrEmpty(value)) return 'drop';
  if (hasPlaceholderMarker(value)) return 'low';
  if (WEAK_WORDS.test(value.trim())) return 'low';
  if (isSequentialRun(value)) return 'low';
  return 'keep';
}

/** Grade a value matched by a specific credential format: only templates drop, only markers lower. */
export function gradeFormatValue(value: string): 'drop' | 'low' | 'keep' {
  if (isTemplateOrEmpty(value)) return 'drop';
  if (hasPlaceholderMarker(value)) return 'low';
  return 'keep';
}
