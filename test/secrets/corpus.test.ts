/**
 * Recall on a corpus of realistic fake credentials (test/fixtures/secrets/corpus, built by
 * its generate.mjs): ≥ 95% of the expected findings are reported at medium severity or
 * above with the expected rule (and format, where the manifest names one); placeholder
 * files yield nothing at medium or above.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/pipeline/secrets.js';
import { severityRank, type Finding } from '../../src/core/finding.js';
import type { FileKind } from '../../src/core/file.js';

interface Expected {
  file: string;
  kind: FileKind;
  line: number;
  rule: string;
  format?: string;
}
const dir = join(__dirname, '../fixtures/secrets/corpus');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { expected: Expected[]; negatives: Array<{ file: string; kind: FileKind }> };

const cache = new Map<string, Finding[]>();
function findingsOf(file: string, kind: FileKind): Finding[] {
  let f = cache.get(file);
  if (!f) cache.set(file, (f = detectSecrets({ path: file, kind, text: readFileSync(join(dir, 'files', file), 'utf8') })));
  return f;
}
const mediumPlus = (f: Finding): boolean => severityRank(f.severity) >= severityRank('medium');

describe('secrets corpus', () => {
  it('detects at least 95% of the expected credentials (medium or above, right rule and format)', () => {
    const misses: string[] = [];
    let hits = 0;
    for (const e of manifest.expected) {
      const found = findingsOf(e.file, e.kind).some(
        (f) => mediumPlus(f) && f.ruleId === e.rule && (!e.format || f.properties?.format === e.format) && f.location.startLine <= e.line && e.line <= f.location.endLine,
      );
      if (found) hits++;
      else misses.push(`${e.file}:${e.line} ${e.rule} ${e.format ?? ''} — got ${findingsOf(e.file, e.kind).filter((f) => f.location.startLine <= e.line && e.line <= f.location.endLine).map((f) => `${f.ruleId}/${f.properties?.format}/${f.severity}`).join(', ') || 'nothing'}`);
    }
    const recall = hits / manifest.expected.length;
    const extra = [...cache.entries()].flatMap(([file, fs]) => fs.filter(mediumPlus).filter((f) => !manifest.expected.some((e) => e.file === file && f.location.startLine <= e.line && e.line <= f.location.endLine)).map((f) => `${file}:${f.location.startLine} ${f.ruleId}/${f.properties?.format}`));
    console.log(`corpus recall ${hits}/${manifest.expected.length} = ${(recall * 100).toFixed(1)}%; unexpected medium+ findings: ${extra.length}`);
    for (const m of misses) console.log(`  miss ${m}`);
    for (const x of extra) console.log(`  extra ${x}`);
    expect(manifest.expected.length).toBeGreaterThanOrEqual(80);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reports nothing at medium or above in placeholder files', () => {
    for (const n of manifest.negatives) {
      const bad = findingsOf(n.file, n.kind).filter(mediumPlus);
      expect(bad.map((f) => `${n.file}:${f.location.startLine} ${f.ruleId} ${f.message}`)).toEqual([]);
    }
  });

  it('never prints a whole corpus secret in any finding field', () => {
    for (const e of manifest.expected) findingsOf(e.file, e.kind);
    const all = JSON.stringify([...cache.values()]);
    // Every credential-looking token of 20+ characters in the corpus files.
    for (const file of new Set(manifest.expected.map((e) => e.file))) {
      const text = readFileSync(join(dir, 'files', file), 'utf8');
      const tokens = text.match(/[A-Za-z0-9+/_~.=-]{20,}/g) ?? [];
      for (const t of tokens) {
        if (!/\d/.test(t) || /^[a-z_.-]+$/i.test(t) || /^https?/.test(t) || /\.(?:com|net|org|io|internal)\b/.test(t)) continue;
        const flagged = cache.get(file)!.some((f) => f.location.startLine <= lineOf(text, t) && lineOf(text, t) <= f.location.endLine);
        if (flagged) expect(all.includes(t), `${file}: ${t.slice(0, 6)}… appears in findings`).toBe(false);
      }
    }
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
