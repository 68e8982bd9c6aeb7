/**
 * Cross-finding redaction: a snippet shows context lines, and a context line may hold a
 * secret that another finding flagged. Secret findings carry snippets whose lines are
 * already masked; this pass copies those masked lines over the same lines in every other
 * snippet of the same file, so no format shows a secret through a neighbour's context.
 */
import type { Finding } from './finding.js';

const SNIPPET_LINE = /^(\s*)(\d+) (.*)$/;

/** True for findings whose snippet was masked by the analysis that reported them. */
function isSecretFinding(f: Finding): boolean {
  return f.category === 'secrets';
}

/** Replace, in place, every snippet line that a secret finding of the same file shows masked. */
export function redactSnippets(findings: Finding[]): void {
  const overlay = new Map<string, Map<number, string>>();
  for (const f of findings) {
    if (!isSecretFinding(f) || !f.snippet) continue;
    let lines = overlay.get(f.location.path);
    if (!lines) overlay.set(f.location.path, (lines = new Map<number, string>()));
    for (const l of f.snippet.split('\n')) {
      const m = SNIPPET_LINE.exec(l);
      if (!m) continue;
      const n = Number(m[2]);
      const prev = lines.get(n);
      // Keep the most masked version (masking only ever shortens a line or keeps it).
      if (prev === undefined || m[3].length < prev.length || (m[3].length === prev.length && m[3] !== prev && m[3].includes('…'))) lines.set(n, m[3]);
    }
  }
  if (overlay.size === 0) return;
  // A fix that touches a line holding a secret would print it (edits, preview): drop it.
  const secretLines = new Map<string, Set<number>>();
  for (const f of findings) {
    if (!isSecretFinding(f)) continue;
    let set = secretLines.get(f.location.path);
    if (!set) secretLines.set(f.location.path, (set = new Set()));
    for (let l = f.location.startLine; l <= f.location.endLine; l++) set.add(l);
  }
  for (const f of findings) {
    const set = f.autofix && secretLines.get(f.location.path);
    if (!set) continue;
    const ranges: [number, number][] = f.autofix!.edits.map((e) => [e.startLine, e.endLine]);
    const p = f.autofix!.preview;
    if (p) ranges.push([p.startLine, p.startLine + p.before.split('\n').length - 1]);
    if (ranges.some(([a, b]) => [...set].some((l) => l >= a && l <= b))) delete f.autofix;
  }
  for (const f of findings) {
    const lines = overlay.get(f.location.path);
    if (!lines || !f.snippet) continue;
    f.snippet = f.snippet
      .split('\n')
      .map((l) => {
        const m = SNIPPET_LINE.exec(l);
        if (!m) return l;
        const masked = lines.get(Number(m[2]));
        return masked !== undefined && masked !== m[3] ? `${m[1]}${m[2]} ${masked}` : l;
      })
      .join('\n');
  }
}
