/**
 * The overview's Quality & Testing (test files, test-to-code ratio, coverage from a report
 * file) and Performance (functions above the complexity threshold) fields.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { complexityHotspots, coveragePercent, isTestPath, testingSummary } from '../../src/metrics/quality.js';
import type { FileMetrics } from '../../src/metrics/types.js';

const m = (codeLines: number, complexity: { name: string; line: number; complexity: number }[] = []) =>
  ({ codeLines, complexity: complexity.map((c) => ({ ...c, column: 0, endLine: c.line, kind: 'function' as const })) }) as unknown as FileMetrics;

describe('quality and testing', () => {
  it('recognises test files', () => {
    expect(['tests/test_app.py', 'pkg/app_test.py', 'conftest.py', 'test/helpers.py', 'test_x.py'].every(isTestPath)).toBe(true);
    expect(['app/testimony.py', 'contest.py', 'app/main.py'].some(isTestPath)).toBe(false);
  });
  it('reads line coverage from coverage.xml, coverage.json and lcov.info', () => {
    expect(coveragePercent('coverage.xml', '<?xml version="1.0" ?>\n<coverage version="7.4" line-rate="0.8312" branch-rate="0">')).toBeCloseTo(83.12);
    expect(coveragePercent('coverage.json', JSON.stringify({ totals: { percent_covered: 71.5 } }))).toBe(71.5);
    expect(coveragePercent('lcov.info', 'SF:a.py\nLF:10\nLH:5\nend_of_record\nSF:b.py\nLF:30\nLH:27\nend_of_record\n')).toBe(80);
    expect(coveragePercent('coverage.json', '{not json')).toBeUndefined();
  });
  it('summarises tests and finds a coverage report in a scan root', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'krait-cov-'));
    try {
      const files = [{ path: 'app/main.py', metrics: m(300) }, { path: 'tests/test_main.py', metrics: m(120) }];
      expect(testingSummary(files, [dir])).toEqual({ testFiles: 1, testCodeLines: 120, codeFiles: 1, codeLines: 300, ratio: 0.4 });
      writeFileSync(path.join(dir, 'coverage.xml'), '<coverage line-rate="0.5" branch-rate="0"></coverage>');
      expect(testingSummary(files, [dir]).coverage?.percent).toBe(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('lists complexity hot spots above the threshold, most complex first', () => {
    const files = [{ path: 'a.py', metrics: m(10, [{ name: 'f', line: 1, complexity: 12 }, { name: 'g', line: 9, complexity: 10 }]) }, { path: 'b.py', metrics: m(10, [{ name: 'h', line: 3, complexity: 25 }]) }];
    expect(complexityHotspots(files)).toEqual([{ path: 'b.py', name: 'h', line: 3, complexity: 25 }, { path: 'a.py', name: 'f', line: 1, complexity: 12 }]);
  });
});
