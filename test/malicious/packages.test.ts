/**
 * The malicious-package indicators on whole packages: test/fixtures/malicious/bad/ holds
 * packages written to behave like published malicious uploads (droppers, encoded exec,
 * stealers, beacons, detached payloads, reverse shells, clippers, disguised source,
 * typosquats); good/ holds honest packages using the same modules. Every file is only
 * parsed.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/pipeline/scan.js';
import type { Report } from '../../src/report/model.js';
import { severityRank } from '../../src/core/finding.js';

const ROOT = path.resolve(__dirname, '../fixtures/malicious');
const BAD = readdirSync(path.join(ROOT, 'bad')).sort();
const GOOD = readdirSync(path.join(ROOT, 'good')).sort();

async function scanDir(dir: string): Promise<Report> {
  return scan({ targets: [dir], jobs: 1, config: false, cwd: dir });
}

function verdictFor(report: Report, pkg: string) {
  return report.packages?.find((p) => p.root === pkg || p.root.startsWith(`${pkg}/`));
}

describe('malicious-package indicators on packages', () => {
  it('has at least 20 malicious-style and 20 benign packages', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(20);
    expect(GOOD.length).toBeGreaterThanOrEqual(20);
  });

  it('rates at least 95% of the malicious-style packages high or critical, with a high indicator finding', async () => {
    const report = await scanDir(path.join(ROOT, 'bad'));
    const missed: string[] = [];
    for (const pkg of BAD) {
      const v = verdictFor(report, pkg);
      const strong = report.findings.filter((f) => f.location.path.startsWith(`${pkg}/`) && /^(?:KR6\d\d|B613)$/.test(f.ruleId) && severityRank(f.severity) >= severityRank('high'));
      if (!v || (v.risk !== 'high' && v.risk !== 'critical') || strong.length === 0) missed.push(`${pkg}: ${v?.risk ?? 'no verdict'}`);
    }
    const rate = (BAD.length - missed.length) / BAD.length;
    expect(missed, `missed: ${missed.join(', ')}`).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('gives no benign package a high or critical finding or verdict', async () => {
    const report = await scanDir(path.join(ROOT, 'good'));
    const high = report.findings.filter((f) => severityRank(f.severity) >= severityRank('high')).map((f) => `${f.location.path}:${f.location.startLine} ${f.ruleId} ${f.message}`);
    expect(high).toEqual([]);
    for (const pkg of GOOD) {
      const v = verdictFor(report, pkg);
      expect(v, pkg).toBeDefined();
      expect(['none', 'low', 'medium'], `${pkg}: ${JSON.stringify(v?.indicators)}`).toContain(v!.risk);
    }
  });
});
