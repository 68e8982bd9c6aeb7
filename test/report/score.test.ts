import { describe, expect, it } from 'vitest';
import { computeScore, categoryDeduction, distinctPlaces, scoreCategoryOf, findingWeight } from '../../src/report/score.js';
import type { Finding } from '../../src/core/finding.js';
import { makeReport, makeCleanReport, buildFindings, APP_PY } from './make-report.js';

const points = (r: ReturnType<typeof computeScore>) => Object.fromEntries(r.categories.map((c) => [c.id, c.points]));

function shuffle<T>(a: T[], seed: number): T[] {
  const out = [...a];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('computeScore', () => {
  it('gives the documented points for the example report (docs/score.md worked example)', () => {
    const s = computeScore(makeReport());
    expect(points(s)).toEqual({
      'code-scan': 1.9, // 6 × (1 − (0.35 + 0.2 + 0.08 + 0.05 + 0))
      secrets: 0, // one critical/high secret empties the category
      'input-validation': 2.6, // 4 × (1 − 0.35)
      dependencies: 0, // KR501: 1 + 0.25 × 0.5 → capped at 1
      'error-handling': 1.8, // 3 × (1 − (0.2 + 0.14 + 0.05))
      auth: 0.7, // 2 × (1 − (0.5 + 0.14))
      injection: 0,
    });
    expect(s.total).toBe(7);
    expect(s.max).toBe(25);
    expect(s.categories.map((c) => c.max)).toEqual([6, 5, 4, 4, 3, 2, 1]);
    expect(s.categories.reduce((a, c) => a + c.max, 0)).toBe(25);
    expect(s.riskLevel).toBe('critical');
  });

  it('is deterministic: the same findings in any order give the same score', () => {
    const r = makeReport();
    const first = JSON.stringify(computeScore(r));
    for (const seed of [1, 2, 3, 42]) {
      expect(JSON.stringify(computeScore({ ...r, findings: shuffle(r.findings, seed) }))).toBe(first);
    }
    expect(JSON.stringify(computeScore(makeReport()))).toBe(first);
  });

  it('gives 25/25 with no findings and says why each category is good', () => {
    const s = computeScore(makeCleanReport());
    expect(s.total).toBe(25);
    expect(s.riskLevel).toBe('low');
    expect(s.categories.every((c) => c.points === c.max && c.status.startsWith('Good'))).toBe(true);
    expect(s.strengths).toContain('No hardcoded secrets or credentials found');
    expect(s.strengths.some((x) => x.startsWith('No known-vulnerable dependencies (3 requirements checked'))).toBe(true);
    expect(s.critical).toEqual([]);
    expect(s.actions).toHaveLength(3);
    expect(s.actions.map((a) => a.priority)).toEqual(['URGENT', 'IMPORTANT', 'RECOMMENDED']);
  });

  it('marks dependencies as not assessed when there is nothing to audit', () => {
    const s = computeScore(makeReport({ findings: [], dependencies: undefined }));
    const deps = s.categories.find((c) => c.id === 'dependencies')!;
    expect(deps.points).toBe(4);
    expect(deps.status).toMatch(/^Not assessed/);
    expect(s.improvements.join('\n')).toMatch(/requirements\.txt or lock file/);
  });

  it('maps finding categories onto the seven score categories', () => {
    expect(scoreCategoryOf('code')).toBe('code-scan');
    expect(scoreCategoryOf('quality')).toBe('code-scan');
    expect(scoreCategoryOf('config')).toBe('code-scan');
    expect(scoreCategoryOf('egress')).toBe('code-scan');
    for (const c of ['secrets', 'input-validation', 'dependencies', 'error-handling', 'auth', 'injection'] as const) {
      expect(scoreCategoryOf(c)).toBe(c);
    }
  });

  it('weighs severity × confidence, repeats of a rule at a quarter, capped at twice the worst', () => {
    let line = 0;
    const f = (severity: Finding['severity'], confidence: Finding['confidence'], ruleId = 'B311', at = ++line) =>
      ({ ruleId, severity, confidence, location: { path: 'a.py', startLine: at, startColumn: 0, endLine: at, endColumn: 1 } } as Finding);
    expect(findingWeight(f('critical', 'high'))).toBe(1);
    expect(findingWeight(f('high', 'medium'))).toBeCloseTo(0.35);
    expect(findingWeight(f('medium', 'low'))).toBeCloseTo(0.08);
    expect(findingWeight(f('info', 'high'))).toBe(0);
    expect(categoryDeduction([f('low', 'high'), f('low', 'high'), f('low', 'high')])).toBeCloseTo(0.075);
    expect(categoryDeduction(Array.from({ length: 10 }, () => f('low', 'high')))).toBeCloseTo(0.1);
    expect(categoryDeduction([f('high', 'high', 'A'), f('high', 'high', 'B'), f('high', 'high', 'C')])).toBe(1);
    // One place, one cost: several rules on one line count once, at the heaviest.
    expect(categoryDeduction([f('low', 'medium', 'B105', 500), f('high', 'medium', 'KR202', 500)])).toBeCloseTo(0.35);
    expect(distinctPlaces([f('low', 'medium', 'B105', 600), f('high', 'medium', 'KR202', 600), f('low', 'high', 'B105', 601)]).map((x) => x.ruleId)).toEqual(['KR202', 'B105']);
  });

  it('keeps a category at its floor of 0 and never negative', () => {
    const many = buildFindings(
      Array.from({ length: 5 }, (_, i) => ({
        path: `m${i}.py`, source: APP_PY, line: 16, ruleId: `X${i}`, ruleName: 'x', category: 'injection' as const,
        severity: 'critical' as const, confidence: 'high' as const, cwe: [78], message: 'm',
      })),
    );
    const s = computeScore(makeReport({ findings: many }));
    expect(s.categories.find((c) => c.id === 'injection')!.points).toBe(0);
    expect(s.total).toBe(24);
  });

  it('fills the seed lines: counts, ✅/❌ checks, critical issues with file:line, top actions', () => {
    const s = computeScore(makeReport());
    const counts = (id: string) => Object.fromEntries(s.categories.find((c) => c.id === id)!.counts.map((c) => [c.label, c.value]));
    expect(counts('code-scan')).toEqual({ 'Critical Issues': 0, 'High Issues': 1, 'Medium Issues': 2, 'Low Issues': 1 });
    expect(counts('secrets')).toEqual({ 'Hardcoded Secrets': 1, 'Secure .env Files': true });
    expect(counts('input-validation')).toEqual({ 'Unvalidated Inputs': 1, 'Pydantic Usage': true });
    expect(counts('dependencies')).toEqual({ 'Critical CVEs': 2, 'Medium CVEs': 0, 'Obsolete Dependencies': 0 });
    expect(counts('auth')).toEqual({ 'Secure Hashing': false, 'JWT with Expiration': false });
    expect(counts('injection')).toEqual({ 'SQL Injection Risks': 1, 'Command Injection Risks': 2 });
    expect(s.critical.map((c) => `${c.path}:${c.line} ${c.ruleId}`)).toContain('app/main.py:16 KR100');
    expect(s.critical.every((c) => c.severity === 'critical' || c.severity === 'high')).toBe(true);
    expect(s.actions[0]).toMatchObject({ priority: 'URGENT', ruleId: 'KR501', count: 2, where: 'requirements.txt:3' });
    expect(s.actions).toHaveLength(3);
  });

  it('flags a committed .env file in the secrets check', () => {
    const r = makeReport();
    const env = buildFindings([{ path: '.env', source: 'DB_PASSWORD=****\n', line: 1, ruleId: 'KS100', ruleName: 'generic-password',
      category: 'secrets', severity: 'high', confidence: 'medium', cwe: [798], message: 'password in .env' }]);
    const s = computeScore({ ...r, findings: [...r.findings, ...env] });
    const secure = s.categories.find((c) => c.id === 'secrets')!.counts.find((c) => c.label === 'Secure .env Files')!;
    expect(secure.value).toBe(false);
  });
});
