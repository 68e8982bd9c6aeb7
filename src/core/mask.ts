/**
 * Masking and hashing: no output of the secrets analysis ever holds a whole secret.
 */
import { createHash } from 'node:crypto';

/**
 * A printable stand-in for a secret: a short prefix, an ellipsis and the length, e.g.
 * `ghp_…(40 chars)`. Secrets of 16 characters or more keep 4 leading characters (often
 * the provider prefix, which helps a reader find the kind of key); 8–15 keep 2; shorter
 * ones keep none. The result never contains more than a quarter of the secret.
 */
export function maskSecret(s: string): string {
  const n = s.length;
  const keep = n >= 16 ? 4 : n >= 8 ? 2 : 0;
  return `${s.slice(0, keep)}…(${n} chars)`;
}

/** Hex sha256 of a string (UTF-8). */
export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/**
 * The fingerprint of a secrets finding: the first 16 hex digits of
 * sha256(ruleId, formatId, path, sha256(secret), occurrence). It holds no part of the
 * secret in clear, does not depend on the line number (moving code keeps it), and the
 * occurrence index keeps two copies of the same secret in one file apart.
 */
export function secretFingerprint(ruleId: string, formatId: string, path: string, secret: string, occurrence: number): string {
  return sha256Hex(`${ruleId}\u0000${formatId}\u0000${path}\u0000${sha256Hex(secret)}\u0000${occurrence}`).slice(0, 16);
}

/**
 * Per-project allowlist by fingerprint. The project lists fingerprints (from a report)
 * in its configuration; a finding whose fingerprint is in the set is dropped. The set
 * holds only hashes, never secrets.
 */
export function isAllowlisted(fingerprint: string, allowlist: ReadonlySet<string> | undefined): boolean {
  return allowlist !== undefined && allowlist.has(fingerprint);
}
