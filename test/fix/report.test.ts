/**
 * Findings with an automatic fix say so in every report: text ("Fix available" and the
 * fixable count), concise ("(fix available)"), GitHub and GitLab, SARIF (`fixes` with replacements), Markdown and HTML (the finding's own code before and after,
 * with the inline comment on the changed line), JSON (`autofix`).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import { writeReport } from '../../src/report/index.js';
import { ruleMeta } from '../../src/rules/catalog.js';
import type { Report } from '../../src/report/model.js';

const CODE = 'import yaml\n\n\ndef load(fh):\n    return yaml.load(fh)  # settings\n';
let dir: string;
let report: Report;
/** One unsafe fix (B506), one safe fix (KR145) and one finding without a fix (B307), in a file whose name needs quoting. */
let mixed: Report;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'krait-fixrep-'));
  writeFileSync(path.join(dir, 'conf.py'), CODE);
  report = await scan({ targets: [dir], analyses: ['rules'], select: ['B506'], config: false, jobs: 1 });
  const other = path.join(dir, 'other');
  mkdirSync(other);
  writeFileSync(path.join(other, 'my conf.py'), 'import yaml\nｙａｍｌ.load(s)\neval(s)\n');
  mixed = await scan({ targets: [other], analyses: ['rules'], select: ['B506', 'KR145', 'B307'], config: false, jobs: 1 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix available in every report', () => {
  it('JSON carries the edits and the preview', () => {
    const f = report.findings.find((x) => x.ruleId === 'B506')!;
    expect(f.autofix).toMatchObject({ safety: 'unsafe', edits: [{ startLine: 5, startColumn: 16, endLine: 5, endColumn: 20, text: 'safe_load' }] });
    expect(f.autofix!.preview).toEqual({ startLine: 5, before: '    return yaml.load(fh)  # settings', after: '    return yaml.safe_load(fh)  # settings  # krait: yaml.load → yaml.safe_load' });
  });
  it('text', async () => {
    const text = (await writeReport(report, { format: 'text', color: false, lookupRule: ruleMeta }))!;
    expect(text).toMatch(/Fix available: yaml\.load → yaml\.safe_load .*\(krait fix --unsafe-fixes --select B506 /);
  });
  it('text: the fixable count in the summary, the command quoted and terminal-safe', async () => {
    const text = (await writeReport(mixed, { format: 'text', color: false, lookupRule: ruleMeta }))!;
    expect(text).toMatch(/\(krait fix --select KR145 '[^']*\/my conf\.py'\)/);
    expect(text).toContain('\n[*] 1 fixable with krait fix (1 more with krait fix --unsafe-fixes)\n');
    const hostile = { ...mixed, findings: mixed.findings.map((f) => ({ ...f, location: { ...f.location, path: 'a\u001b[31m.py' } })) };
    expect((await writeReport(hostile, { format: 'text', color: false, lookupRule: ruleMeta }))!).not.toContain('\u001b');
  });
  it('concise: (fix available) / (unsafe fix available) and the fixable count', async () => {
    const lines = (await writeReport(mixed, { format: 'concise', color: false, lookupRule: ruleMeta }))!.split('\n');
    expect(lines.find((l) => l.includes(' KR145 '))).toMatch(/ \(fix available\)$/);
    expect(lines.find((l) => l.includes(' B506 '))).toMatch(/ \(unsafe fix available\)$/);
    expect(lines.find((l) => l.includes(' B307 '))).not.toContain('fix available');
    expect(lines).toContain('[*] 1 fixable with krait fix (1 more with krait fix --unsafe-fixes)');
  });
  it('the fixable count when no fix is safe', async () => {
    const text = (await writeReport(report, { format: 'concise', color: false, lookupRule: ruleMeta }))!;
    expect(text).toContain('\n[*] 1 fixable with krait fix --unsafe-fixes (none by krait fix alone: every fix may change behaviour)\n');
  });
  it('GitHub annotations and GitLab Code Quality', async () => {
    const gh = (await writeReport(mixed, { format: 'github', color: false, lookupRule: ruleMeta }))!.split('\n');
    expect(gh.find((l) => l.includes('title=KR145'))).toMatch(/%0AFix available \(safe\): write the name as Python reads it: yaml — krait fix --select KR145 '[^']*\/my conf\.py'$/);
    expect(gh.find((l) => l.includes('title=B307'))).not.toContain('Fix available');
    const gl = JSON.parse((await writeReport(mixed, { format: 'gitlab', color: false, lookupRule: ruleMeta }))!) as { check_name: string; description: string }[];
    expect(gl.find((i) => i.check_name === 'B506')!.description).toMatch(/\(unsafe fix available: krait fix --unsafe-fixes --select B506 '[^']*\/my conf\.py'\)$/);
    expect(gl.find((i) => i.check_name === 'B307')!.description).not.toContain('fix available');
  });
  it('SARIF fixes', async () => {
    const sarif = JSON.parse((await writeReport(report, { format: 'sarif', color: false, lookupRule: ruleMeta }))!);
    const r = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'B506');
    expect(r.fixes[0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { startLine: 5, startColumn: 17, endLine: 5, endColumn: 21 }, insertedContent: { text: 'safe_load' } }]);
    expect(r.fixes[0].artifactChanges[0].artifactLocation).toEqual(r.locations[0].physicalLocation.artifactLocation);
  });
  it('Markdown and HTML show the code before and after', async () => {
    const out = path.join(dir, 'md');
    await writeReport(report, { format: 'markdown', output: out, color: false, lookupRule: ruleMeta });
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md'));
    const md = files.map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8')).find((t) => t.includes('**Fix available**'))!;
    expect(md).toContain('Before:');
    expect(md).toContain('    return yaml.safe_load(fh)  # settings  # krait: yaml.load → yaml.safe_load');
    const html = (await writeReport(report, { format: 'html', color: false, lookupRule: ruleMeta }))!;
    expect(html).toContain('Fix available');
    expect(html).toContain('return yaml.safe_load(fh)  # settings  # krait: yaml.load → yaml.safe_load');
  });
});
