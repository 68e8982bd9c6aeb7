/**
 * How every report says that a finding has an automatic fix (`Finding.autofix`): the
 * command that applies it, a short note for one-line formats, and ruff's closing count of
 * fixable findings. See docs/fixes.md.
 */
import type { Finding } from '../core/finding.js';

/** A path as one shell word: as is when it holds only safe characters, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that applies a finding's automatic fix (`krait fix [--unsafe-fixes] --select ID PATH`). */
export function fixCommand(f: Finding): string {
  return `krait fix${f.autofix?.safety === 'unsafe' ? ' --unsafe-fixes' : ''} --select ${f.ruleId} ${shellWord(f.location.path)}`;
}

/** `fix available` / `unsafe fix available` for a finding with a fix, else undefined. */
export function fixNote(f: Finding): string | undefined {
  if (!f.autofix) return undefined;
  return f.autofix.safety === 'safe' ? 'fix available' : 'unsafe fix available';
}

/**
 * How many findings `krait fix` would fix, and how many more `--unsafe-fixes` would (ruff's
 * "[*] N fixable with the --fix option"); undefined when no finding has a fix.
 */
export function fixableLine(findings: readonly Finding[]): string | undefined {
  const safe = findings.filter((f) => f.autofix?.safety === 'safe').length;
  const unsafe = findings.filter((f) => f.autofix && f.autofix.safety !== 'safe').length;
  if (!safe && !unsafe) return undefined;
  if (!safe) return `[*] ${unsafe} fixable with krait fix --unsafe-fixes (none by krait fix alone: every fix may change behaviour)`;
  return `[*] ${safe} fixable with krait fix${unsafe ? ` (${unsafe} more with krait fix --unsafe-fixes)` : ''}`;
}
