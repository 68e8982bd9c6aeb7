/**
 * The overview's Quality & Testing and Performance fields in every format: computed once
 * in the project pass (`metrics.testing`, `metrics.hotspots`), carried by JSON as typed
 * fields (schema 1.1.0), and worded the same in the text summary, Markdown and HTML.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import { writeReport } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { ruleMeta } from '../../src/rules/catalog.js';
import type { Report } from '../../src/report/model.js';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url)), 'utf8')));

/** A function with cyclomatic complexity 12 (eleven `if`s). */
const COMPLEX = `def route_cost(a):\n${Array.from({ length: 11 }, (_, i) => `    if a == ${i}:\n        return ${i}\n`).join('')}    return -1\n`;

let dir: string;
let report: Report;
let bare: Report;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'krait-overview-'));
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'app.py'), `import os\n\n\n${COMPLEX}\n\ndef simple():\n    return os.getcwd()\n`);
  writeFileSync(path.join(dir, 'tests', 'test_app.py'), 'from app import simple\n\n\ndef test_simple():\n    assert simple()\n');
  writeFileSync(path.join(dir, 'coverage.xml'), '<?xml version="1.0" ?>\n<coverage version="7.4" line-rate="0.625" branch-rate="0"></coverage>\n');
  report = await scan({ targets: [dir], config: false, jobs: 1 });
  bare = await scan({ targets: [dir], analyses: ['rules'], config: false, jobs: 1 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Quality & Testing and Performance in every format', () => {
  it('JSON: typed fields under metrics, valid against the schema', () => {
    const data = JSON.parse(renderJson(report));
    expect(validate(data)).toBe(true);
    expect(data.schemaVersion).toBe('1.1.0');
    expect(data.metrics.testing).toMatchObject({ testFiles: 1, codeFiles: 1, coverage: { percent: 62.5 } });
    expect(data.metrics.testing.ratio).toBeGreaterThan(0);
    expect(data.metrics.hotspots).toEqual([{ path: expect.stringMatching(/app\.py$/), name: 'route_cost', line: 4, complexity: 12 }]);
    expect(data.metrics.hotspotThreshold).toBe(10);
  });
  it('text: two lines in the closing summary (and in --summary-only)', async () => {
    for (const summaryOnly of [false, true]) {
      const text = (await writeReport(report, { format: 'text', color: false, lookupRule: ruleMeta, summaryOnly }))!;
      const summary = text.slice(text.lastIndexOf('SUMMARY'));
      expect(summary).toMatch(/\nQuality & Testing: 1 test file, test-to-code ratio \d\.\d\d \(\d+ test \/ \d+ code lines\); line coverage 62\.5% \(.*coverage\.xml\)\n/);
      expect(summary).toMatch(/\nPerformance: 1 function above cyclomatic complexity 10 \(hot spots: .*app\.py:4 route_cost \(12\)\)\n/);
    }
    const plain = (await writeReport(bare, { format: 'text', color: false, lookupRule: ruleMeta }))!;
    expect(plain).not.toContain('Quality & Testing:'); // no statistics: nothing to say in text
  });
  it('Markdown: the overview lines', async () => {
    const out = path.join(dir, 'md');
    await writeReport(report, { format: 'markdown', output: out, color: false, lookupRule: ruleMeta });
    const main = readdirSync(out).find((n) => n.endsWith('.md'))!;
    const md = readFileSync(path.join(out, main), 'utf8');
    expect(md).toMatch(/- Quality & Testing: 1 test file, test-to-code ratio .*; line coverage 62\.5% \(`.*coverage\.xml`\)/);
    expect(md).toMatch(/- Performance: 1 function above cyclomatic complexity 10 \(hot spots: `.*app\.py:4` `route_cost` \(12\)\)/);
  });
  it('HTML: the overview fields, audited text escaped as code', async () => {
    const html = (await writeReport(report, { format: 'html', color: false, lookupRule: ruleMeta }))!;
    expect(html).toMatch(/<dt>Quality &amp; Testing<\/dt><dd>1 test file, test-to-code ratio [^<]*; line coverage 62\.5% \(<code>[^<]*coverage\.xml<\/code>\)<\/dd>/);
    expect(html).toMatch(/<dt>Performance<\/dt><dd>1 function above cyclomatic complexity 10 \(hot spots: <code>[^<]*app\.py:4<\/code> <code>route_cost<\/code> \(12\)\)<\/dd>/);
    const notAssessed = (await writeReport(bare, { format: 'html', color: false, lookupRule: ruleMeta }))!;
    expect(notAssessed).toContain('<dt>Performance</dt><dd>not assessed (statistics were not computed)</dd>');
  });
  it('HTML escapes a hostile path in a hot spot', async () => {
    const hostile: Report = { ...report, metrics: { ...report.metrics!, hotspots: [{ path: '<img src=x onerror=alert(1)>.py', name: 'f', line: 1, complexity: 11 }] } };
    const html = (await writeReport(hostile, { format: 'html', color: false, lookupRule: ruleMeta }))!;
    expect(html).toContain('<code>&lt;img src=x onerror=alert(1)&gt;.py:1</code>');
    expect(html).not.toContain('<img src=x');
  });
});
