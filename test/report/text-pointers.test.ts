import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { computeScore } from '../../src/report/score.js';
import { appSpecs, buildFindings, makeReport } from './make-report.js';
import { compareFindings } from '../../src/core/finding.js';

describe('text report: summary sections point to findings printed once', () => {
  it('gives two high findings of one rule on one line (two advisories of one requirement) two numbers, not one twice', () => {
    const specs = appSpecs();
    const flask = specs.find((s) => s.ruleId === 'KR501' && s.line === 1)!;
    specs.push({ ...flask, message: 'flask 0.12.2 is affected by PYSEC-2019-179', properties: { advisory: 'PYSEC-2019-179' } });
    const findings = buildFindings(specs).sort(compareFindings);
    const report = makeReport({ findings });
    report.score = computeScore(report);
    const out = renderText(report, { color: false });
    const head = (n: number): boolean => out.split('\n').some((l) => l.startsWith(`#${n} requirements.txt:1:1 `));
    const line = out.split('\n').find((l) => /^- \[\w+\] KR501 /.test(l))!;
    const nums = [.../#(\d+), #(\d+) requirements\.txt:1\b/.exec(line)!.slice(1)].map(Number);
    expect(new Set(nums).size).toBe(2);
    for (const n of nums) expect(head(n), `#${n}`).toBe(true);
    expect(line.match(/requirements\.txt:1\b/g)).toHaveLength(1);
    // Every finding is printed once, under FINDINGS.
    const heads = out.split('\n').filter((l) => /^#\d+ /.test(l));
    expect(heads).toHaveLength(findings.length);
    // The priority actions point to the finding they name.
    expect(out).toMatch(/^1\. Fix vulnerable-dependency .*\(#\d+ requirements\.txt:3\) - URGENT$/m);
  });
});
