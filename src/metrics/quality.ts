/**
 * The overview's Quality & Testing and Performance fields, from what the scan already has:
 * test files and their share of the code (and the line coverage of a coverage report when
 * the project holds one), and the functions above the complexity threshold (hot spots).
 * Coverage reports are read, never produced: krait does not run the tests.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileMetrics, Hotspot, TestingSummary } from './types.js';



const TEST_PATH = /(^|\/)(tests?|testing)\/|(^|\/)test_[^/]*\.py$|_tests?\.py$|(^|\/)conftest\.py$/;

/** True for a Python test file by its path. */
export function isTestPath(p: string): boolean {
  return TEST_PATH.test(p.replace(/\\/g, '/'));
}

/** Where coverage reports usually sit, relative to a scan root. */
const COVERAGE_FILES = ['coverage.xml', 'coverage.json', 'lcov.info', 'coverage/lcov.info', 'coverage/coverage.xml', 'reports/coverage.xml', 'htmlcov/coverage.json'];

/** Line coverage % of one coverage report's text, or undefined when it cannot be read. */
export function coveragePercent(name: string, text: string): number | undefined {
  if (name.endsWith('.xml')) {
    const m = /<coverage\b[^>]*\bline-rate="([0-9.]+)"/.exec(text);
    return m ? Number(m[1]) * 100 : undefined;
  }
  if (name.endsWith('.json')) {
    try {
      const doc = JSON.parse(text) as { totals?: { percent_covered?: number; covered_lines?: number; num_statements?: number } };
      const t = doc.totals;
      if (typeof t?.percent_covered === 'number') return t.percent_covered;
      if (t && typeof t.covered_lines === 'number' && t.num_statements) return (100 * t.covered_lines) / t.num_statements;
    } catch {
      return undefined;
    }
    return undefined;
  }
  let found = 0;
  let hit = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('LF:')) found += Number(line.slice(3)) || 0;
    else if (line.startsWith('LH:')) hit += Number(line.slice(3)) || 0;
  }
  return found ? (100 * hit) / found : undefined;
}

/** Test files, test-to-code ratio and (when a report is in a scan root) line coverage. */
export function testingSummary(files: readonly { path: string; metrics?: FileMetrics }[], roots: readonly string[], maxSize = 20 * 1024 * 1024): TestingSummary {
  const out: TestingSummary = { testFiles: 0, testCodeLines: 0, codeFiles: 0, codeLines: 0, ratio: 0 };
  for (const f of files) {
    if (!f.metrics) continue;
    if (isTestPath(f.path)) {
      out.testFiles++;
      out.testCodeLines += f.metrics.codeLines;
    } else {
      out.codeFiles++;
      out.codeLines += f.metrics.codeLines;
    }
  }
  out.ratio = out.codeLines ? out.testCodeLines / out.codeLines : 0;
  for (const root of roots) {
    for (const rel of COVERAGE_FILES) {
      const abs = path.join(root, rel);
      try {
        const st = statSync(abs);
        if (!st.isFile() || st.size > maxSize) continue;
        const pct = coveragePercent(rel, readFileSync(abs, 'utf8'));
        if (pct !== undefined && Number.isFinite(pct)) {
          out.coverage = { percent: Math.round(pct * 10) / 10, file: path.relative(process.cwd(), abs).split(path.sep).join('/') || rel };
          return out;
        }
      } catch {
        // not there
      }
    }
  }
  return out;
}

/** Functions above this cyclomatic complexity are hot spots (KR801's default threshold). */
export const HOTSPOT_THRESHOLD = 10;

/** Functions and methods above `threshold`, most complex first. */
export function complexityHotspots(files: readonly { path: string; metrics?: FileMetrics }[], threshold = HOTSPOT_THRESHOLD): Hotspot[] {
  const out: Hotspot[] = [];
  for (const f of files) for (const c of f.metrics?.complexity ?? []) if (c.kind !== 'class' && c.complexity > threshold) out.push({ path: f.path, name: c.name, line: c.line, complexity: c.complexity });
  return out.sort((a, b) => b.complexity - a.complexity || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}
