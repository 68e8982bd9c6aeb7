/** Environment mode end to end: a virtualenv given as a target is audited distribution by distribution. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import { renderJson, renderText } from '../../src/report/index.js';
import { renderHtml } from '../../src/report/html.js';
import { renderSarif } from '../../src/report/sarif.js';
import { writeMarkdown } from '../../src/report/markdown.js';
import { makeVenv, SITE } from './fake-env.js';

describe('environment mode', async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'krait-env-'));
  const venv = makeVenv({ parent });
  const report = await scan({ targets: [venv], cwd: parent, jobs: 1, config: false });
  const env = report.environments![0]!;
  const row = (name: string) => env.distributions.find((d) => d.name === name)!;

  it('audits the files the records list (default excludes do not apply), never the ones outside the prefix', () => {
    const paths = report.files.map((f) => f.path);
    expect(paths).toContain(`venv/${SITE}/goodpkg/__init__.py`);
    expect(paths).toContain('venv/bin/good');
    expect(paths).toContain(`venv/${SITE}/legacy/__init__.py`);
    expect(paths.some((p) => p.includes('outside-secret'))).toBe(false);
    expect(report.findings.some((f) => f.location.path.includes('outside-secret'))).toBe(false);
    expect(row('goodpkg').outside).toContain('../../../../outside-secret.py');
  });

  it('attributes findings and files to their distribution by name and version', () => {
    const added = report.findings.find((f) => f.location.path === `venv/${SITE}/goodpkg/added.py` && f.ruleId === 'B602');
    expect(added?.distribution).toEqual({ name: 'goodpkg', version: '1.0' });
    const legacy = report.findings.find((f) => f.location.path === `venv/${SITE}/legacy/__init__.py`);
    expect(legacy?.distribution).toEqual({ name: 'legacy', version: '2.0' });
    expect(report.files.find((f) => f.path === `venv/${SITE}/goodpkg/mod.py`)?.distribution).toEqual({ name: 'goodpkg', version: '1.0' });
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: Record<string, unknown> }[] }[] };
    const r = sarif.runs[0]!.results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('goodpkg/added.py'));
    expect(r?.properties['distribution']).toEqual({ name: 'goodpkg', version: '1.0' });
  });

  it('reports advisories for the installed version, at its metadata', () => {
    const adv = report.findings.filter((f) => f.ruleId === 'KR501');
    expect(adv.length).toBeGreaterThan(0);
    expect(adv.every((f) => f.location.path === `venv/${SITE}/Django-3.2.0.dist-info/METADATA` && f.location.startLine === 3)).toBe(true);
    expect(adv[0]!.distribution).toEqual({ name: 'Django', version: '3.2.0' });
    expect(row('Django').advisories.length).toBe(adv.length);
    expect(env.note).toMatch(/backported fixes/);
    // Requires-Dist ranges of installed metadata are not the project's manifests.
    expect(report.findings.some((f) => f.ruleId === 'KR505' || f.ruleId === 'KR502' || f.ruleId === 'KR504')).toBe(false);
  });

  it('writes JSON that validates against the report schema', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url)), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
    const validate = ajv.compile(schema);
    const data = JSON.parse(renderJson(report)) as { environments: unknown[] };
    validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(data.environments.length).toBe(1);
  });

  it('builds the per-distribution table', () => {
    expect(env.kind).toBe('virtualenv');
    expect(env.distributions.map((d) => d.name)).toEqual(['Django', 'goodpkg', 'legacy']);
    const g = row('goodpkg');
    expect(g.highFindings).toBeGreaterThan(0);
    expect(g.modified).toEqual([`venv/${SITE}/goodpkg/mod.py`]);
    expect(g.unrecorded).toEqual([`venv/${SITE}/goodpkg/added.py`]);
    expect(g.entryPoints.map((e) => e.name)).toEqual(['good']);
    expect(g.egressChannels.length).toBeGreaterThan(0);
    expect(row('legacy').fileList).toBe('top_level.txt');
    expect(row('Django').highFindings).toBe(0);
    const text = renderText(report, { color: false });
    expect(text).toMatch(/Installed environment venv/);
    expect(text).toMatch(/goodpkg\s+1\.0/);
    expect(text).toMatch(/changed since install/);
    expect(text).toMatch(/backported fixes/);
    expect(text).toMatch(/goodpkg\/added\.py:4:\d+ .*B602 .*\[goodpkg 1\.0\]/);
  });

  it('shows the table in the Markdown summary (with the distribution in each finding file) and the HTML report', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'krait-md-'));
    const written = writeMarkdown(report, out, new Date('2026-01-02T00:00:00Z'));
    const summary = readFileSync(written.find((p) => !p.includes('/findings'))!, 'utf8');
    expect(summary).toMatch(/## Installed environment/);
    expect(summary).toMatch(/\| goodpkg \| 1\\?\.0 \|/);
    const files = written.map((p) => readFileSync(p, 'utf8'));
    const html = renderHtml(report);
    expect(html).toMatch(/<h3>Installed environment venv \(virtualenv, 3 distributions\)<\/h3>/);
    expect(html).toMatch(/<tr><td>goodpkg<\/td><td>1\.0<\/td>/);
    expect(files.some((t) => /- \*\*Distribution\*\*: goodpkg 1\\?\.0/.test(t))).toBe(true);
  });

  it('reports .pth lines that run code (KR610): high for a payload, low for a helper import, nothing for paths', () => {
    const pth = report.findings.filter((f) => f.ruleId === 'KR610').map((f) => [f.location.path, f.location.startLine, f.severity]);
    expect(pth).toEqual([
      [`venv/${SITE}/zz-evil.pth`, 2, 'high'],
      [`venv/${SITE}/helper.pth`, 1, 'low'],
    ]);
    expect(env.pthFiles.map((p) => p.path)).toContain(`venv/${SITE}/paths.pth`);
  });

  it('still skips a virtualenv inside an ordinary project', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'krait-proj-'));
    makeVenv({ parent: project, name: '.venv' });
    writeFileSync(path.join(project, 'app.py'), 'import os\nos.system("ls")\n');
    mkdirSync(path.join(project, 'pkg'));
    const r = await scan({ targets: [project], cwd: project, jobs: 1, config: false });
    expect(r.environments).toBeUndefined();
    expect(r.files.map((f) => f.path)).toContain('app.py');
    expect(r.files.some((f) => f.path.startsWith('.venv'))).toBe(false);
    expect(r.skipped.some((s) => s.path === '.venv/' && /virtualenv/.test(s.reason))).toBe(true);
  });
});
