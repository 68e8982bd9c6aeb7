import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
import { describe, expect, it } from 'vitest';
import { buildSarif, renderSarif, pathToUri, SARIF_LIMITS } from '../../src/report/sarif.js';
import type { Finding } from '../../src/core/finding.js';
import { makeReport, makeHostileReport, makeCleanReport, lookupRule } from './make-report.js';

/**
 * The OASIS SARIF 2.1.0 schema (copied from ../shared/reference, errata01) is draft-04:
 * ajv 8 reads it as draft-07 once its draft-04 `id` is renamed `$id` (the schema uses no
 * draft-04-only keyword such as boolean exclusiveMinimum).
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/report/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'));
  expect(JSON.stringify(schema)).not.toContain('exclusiveMinimum');
  schema.$id = schema.id;
  delete schema.id;
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema (full, hostile, clean reports; with and without rule docs)', () => {
    for (const r of [makeReport(), makeHostileReport(), makeCleanReport()]) {
      for (const lookup of [lookupRule, undefined]) {
        const log = JSON.parse(renderSarif(r, lookup));
        const ok = validate(log);
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    }
  });

  it('the schema check can fail (a result without message is rejected)', () => {
    const log: Any = buildSarif(makeReport(), lookupRule);
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it("meets GitHub code scanning's documented requirements", () => {
    const r = makeReport();
    const log: Any = buildSarif(r, lookupRule);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1); // at most 20 runs per file
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('krait');
    const rules: Any[] = run.tool.driver.rules;
    expect(new Set(rules.map((x) => x.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown.length).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
      expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
      if ('security-severity' in rule.properties) {
        expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
        const n = Number(rule.properties['security-severity']);
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThanOrEqual(10);
      }
    }
    expect(run.results).toHaveLength(r.findings.length);
    for (const res of run.results) {
      expect(typeof res.ruleId).toBe('string');
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations).toHaveLength(1);
      const pl = res.locations[0].physicalLocation;
      expect(pl.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i); // relative to the repository root
      expect(pl.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(pl.region.startLine).toBeGreaterThanOrEqual(1);
      expect(pl.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints['kraitFingerprint/v1']).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('carries CWE tags, security-severity and help from the rule docs', () => {
    const run: Any = buildSarif(makeReport(), lookupRule).runs;
    const rules: Any[] = run[0].tool.driver.rules;
    const b602 = rules.find((x) => x.id === 'B602');
    expect(b602.properties.tags).toEqual(['security', 'injection', 'external/cwe/cwe-78']);
    expect(b602.properties['security-severity']).toBe('8.0');
    expect(b602.properties.precision).toBe('high');
    expect(b602.shortDescription.text).toBe('Flags subprocess calls that run a command through the shell (shell=True).');
    expect(b602.help.markdown).toContain('## Why is this bad?');
    expect(b602.help.markdown).toContain('```python\nsubprocess.call(["ls", name])\n```');
    expect(b602.helpUri).toBe('https://cwe.mitre.org/data/definitions/78.html');
    const kd = rules.find((x) => x.id === 'KR501');
    expect(kd.properties['security-severity']).toBe('9.5'); // worst of its findings: critical
    const ke = rules.find((x) => x.id === 'KE001');
    expect(ke.properties['security-severity']).toBeUndefined(); // info: no security severity
    expect(ke.defaultConfiguration.level).toBe('note');
  });

  it('maps locations (1-based columns) and data-flow traces to codeFlows', () => {
    const run: Any = (buildSarif(makeReport(), lookupRule) as Any).runs[0];
    const res = run.results.find((x: Any) => x.ruleId === 'KR100');
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 16, startColumn: 5, endLine: 16, endColumn: 37 });
    expect(res.locations[0].physicalLocation.contextRegion.snippet.text).toContain('subprocess.call(cmd, shell=True)');
    const flow = res.codeFlows[0].threadFlows[0].locations;
    expect(flow.map((l: Any) => l.kinds[1])).toEqual(['source', 'step', 'sink']);
    expect(flow[0].location.physicalLocation.region.startLine).toBe(15);
    expect(flow[0].location.message.text).toContain('request.args');
    expect(run.results.filter((x: Any) => x.codeFlows).length).toBe(1);
    expect(run.invocations[0].toolExecutionNotifications.map((n: Any) => n.descriptor.id)).toEqual(['syntax-error', 'skipped']);
  });

  it('percent-encodes paths into URI references', () => {
    expect(pathToUri('app/my file#1.py')).toEqual({ uri: 'app/my%20file%231.py', uriBaseId: '%SRCROOT%' });
    expect(pathToUri('.\\pkg\\m.py')).toEqual({ uri: 'pkg/m.py', uriBaseId: '%SRCROOT%' });
    expect(pathToUri('/abs/x.py')).toEqual({ uri: 'file:///abs/x.py' });
    const hostile: Any = buildSarif(makeHostileReport());
    for (const res of hostile.runs[0].results) expect(res.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/[<>" ]/);
  });

  it(`keeps at most ${SARIF_LIMITS.resultsPerRun} results per run, the most severe, and says so`, () => {
    const base = makeReport().findings[0]!;
    const many: Finding[] = Array.from({ length: SARIF_LIMITS.resultsPerRun + 5 }, (_, i) => ({
      ...base,
      severity: i < 3 ? 'critical' : 'low',
      location: { ...base.location, path: `f${String(i).padStart(6, '0')}.py` },
      fingerprint: i.toString(16).padStart(16, '0'),
    }));
    const run: Any = (buildSarif(makeReport({ findings: many })) as Any).runs[0];
    expect(run.results).toHaveLength(SARIF_LIMITS.resultsPerRun);
    expect(run.results.filter((x: Any) => x.properties.severity === 'critical')).toHaveLength(3);
    expect(run.invocations[0].toolExecutionNotifications.at(-1).message.text).toMatch(/^5 lower-severity findings left out/);
  });
});
