import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';

/**
 * Fill `finding.fingerprint` for every finding that has none.
 *
 * The fingerprint is sha256(ruleId, path, the flagged line's text with whitespace
 * collapsed, the occurrence index of that triple in the file), first 16 hex digits.
 * It does not contain the line number, so it survives edits that only shift lines;
 * the occurrence index keeps two identical lines apart. `lineText(path, line)` gives
 * the raw text of a line (secrets must already be masked or hashed by the caller).
 */
export function assignFingerprints(findings: Finding[], lineText: (f: Finding) => string): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    if (f.fingerprint) continue;
    const text = lineText(f).replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\u0000${f.location.path}\u0000${text}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 16);
  }
}
