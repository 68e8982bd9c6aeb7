import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
import { describe, expect, it } from 'vitest';
import { renderJson, stableOrder } from '../../src/report/json.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import { makeReport, makeHostileReport, makeEmptyReport } from './make-report.js';
import { scan } from '../../src/pipeline/scan.js';
import { writeReport } from '../../src/report/index.js';
import { ruleMeta } from '../../src/rules/catalog.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url)), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('renderJson', () => {
  it('validates against schema/report.schema.json (full, hostile and empty reports)', () => {
    for (const r of [makeReport(), makeHostileReport(), makeEmptyReport()]) {
      const data = JSON.parse(renderJson(r));
      const ok = validate(data);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(data.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
      expect(data.score.total).toBeTypeOf('number');
    }
  });

  it('a real scan of the example app validates and renders in every format', async () => {
    const report = await scan({ targets: [fileURLToPath(new URL('../../examples/vulnerable-app', import.meta.url))], jobs: 1, config: false });
    const data = JSON.parse(renderJson(report));
    validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(data.posture.routes.length).toBeGreaterThan(5);
    expect(data.egress.filesThatCanSendData).toBeGreaterThan(0);
    expect(data.metrics.functions).toBeGreaterThan(10);
    for (const format of ['text', 'sarif', 'html'] as const) {
      const out = await writeReport(report, { format, color: false, lookupRule: ruleMeta });
      expect(out!.length, format).toBeGreaterThan(1000);
    }
  });

  it('the schema rejects a report with a malformed finding', () => {
    const data = JSON.parse(renderJson(makeReport()));
    data.findings[0].severity = 'urgent';
    delete data.findings[1].location.startLine;
    expect(validate(data)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/findings/0/severity');
    expect(paths).toContain('/findings/1/location');
  });

  it('has a stable key order and 2-space indent, whatever order keys were set in', () => {
    const r = makeReport();
    const reversed = JSON.parse(JSON.stringify(r), function (_k, v) {
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).reverse());
      return v;
    });
    const a = renderJson(r);
    expect(renderJson(reversed)).toBe(a);
    expect(a.startsWith('{\n  "schemaVersion": "1.1.0",\n  "tool": {\n    "name": "krait",')).toBe(true);
    const f = JSON.parse(a).findings[0];
    expect(Object.keys(f).slice(0, 6)).toEqual(['ruleId', 'ruleName', 'category', 'severity', 'confidence', 'cwe']);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('stableOrder drops undefined and keeps arrays in order', () => {
    expect(JSON.stringify(stableOrder({ b: 1, a: undefined, c: [3, 1, 2], z: { y: 1, x: 2 } }))).toBe('{"b":1,"c":[3,1,2],"z":{"x":2,"y":1}}');
  });
});
