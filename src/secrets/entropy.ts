/**
 * Shannon entropy and character-class helpers used to tell random credentials from words.
 */

/**
 * Shannon entropy of `s` in bits per character (0 for the empty string).
 * A 40-character random base64 string scores about 5; English words score 2.5–3.5;
 * the maximum for a string of n distinct characters is log2(n).
 */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of the classes lowercase, uppercase, digit, other-printable occur in `s` (0–4). */
export function charClasses(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else if (c > 32 && c < 127) other = 1;
  }
  return lower + upper + digit + other;
}

/** True when every character of `s` is a hex digit. */
export function isHex(s: string): boolean {
  return /^[0-9a-fA-F]+$/.test(s);
}

/** True when every character of `s` is in the base64 or base64url alphabet (padding allowed at the end). */
export function isBase64Like(s: string): boolean {
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(s);
}
