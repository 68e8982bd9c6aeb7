import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

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

/** Properties that identify what a project-level finding is about (a package, an advisory, a module, a setting). */
const IDENTITY_KEYS = ['package', 'advisory', 'module', 'distribution', 'key', 'setting', 'url', 'file', 'lookalike'] as const;

/**
 * Fill `finding.fingerprint` for project-level findings that have none (dependency
 * findings and any other analysis that reports outside a source line): sha256 of the rule
 * id, the path and the identifying properties — for a dependency finding the package,
 * the advisory and the manifest — never the line number, so a baseline keeps matching
 * when a manifest is reordered. Findings with no identifying property fall back to the
 * message. Occurrence indexes keep identical keys apart.
 */
export function assignProjectFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    if (f.fingerprint) continue;
    const p = f.properties ?? {};
    const parts = IDENTITY_KEYS.filter((k) => p[k] !== undefined && p[k] !== null).map((k) => `${k}=${JSON.stringify(p[k])}`);
    const key = `${f.ruleId}\u0000${f.location.path}\u0000${parts.length ? parts.join('\u0000') : f.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 16);
  }
}
