import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport, exitCodeFor } from '../../src/report/index.js';
import { makeReport, makeCleanReport, lookupRule } from './make-report.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'krait-out-'));
const DAY = new Date(2025, 11, 9);

describe('writeReport', () => {
  it('returns the text to print when no output is given, with the score computed', async () => {
    const text = await writeReport(makeReport(), { format: 'text', color: false });
    expect(text).toContain('OVERALL SCORE: 7/25');
    const json = JSON.parse((await writeReport(makeReport(), { format: 'json', color: false }))!);
    expect(json.score.total).toBe(7);
    const sarif = JSON.parse((await writeReport(makeReport(), { format: 'sarif', color: false, lookupRule }))!);
    expect(sarif.version).toBe('2.1.0');
    const html = await writeReport(makeReport(), { format: 'html', color: false });
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('writes files, creating parent directories, without colour codes', async () => {
    const dir = tmp();
    const out = join(dir, 'a', 'b', 'report.txt');
    expect(await writeReport(makeReport(), { format: 'text', output: out, color: true })).toBeUndefined();
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('PYTHON SECURITY AUDIT');
    expect(text).not.toContain('\u001b[');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.txt']); // no temp file left behind
  });

  it('refuses to write a file format onto a directory', async () => {
    const dir = tmp();
    await expect(writeReport(makeReport(), { format: 'sarif', output: dir, color: false })).rejects.toThrow(
      `${dir} is a directory; --format sarif writes one file, give a file path`,
    );
  });

  it('markdown needs --output, refuses a file and a foreign non-empty directory', async () => {
    await expect(writeReport(makeReport(), { format: 'markdown', color: false })).rejects.toThrow(/--output DIR/);
    const dir = tmp();
    writeFileSync(join(dir, 'file.md'), 'x');
    await expect(writeReport(makeReport(), { format: 'markdown', output: join(dir, 'file.md'), color: false })).rejects.toThrow(/is a file/);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'main.py'), 'print(1)');
    await expect(writeReport(makeReport(), { format: 'markdown', output: join(dir, 'src'), color: false })).rejects.toThrow(
      /is not empty and does not hold an earlier krait Markdown report \(found main\.py\)/,
    );
    expect(readdirSync(join(dir, 'src'))).toEqual(['main.py']);
  });

  it('markdown writes into a new directory and again over its own earlier output', async () => {
    const dir = join(tmp(), 'reports');
    await writeReport(makeReport(), { format: 'markdown', output: dir, color: false, date: DAY });
    await writeReport(makeCleanReport(), { format: 'markdown', output: dir, color: false, date: new Date(2025, 11, 10) });
    expect(readdirSync(dir).sort()).toEqual([
      'security-analysis-2025-12-09', 'security-analysis-2025-12-09.md', 'security-analysis-2025-12-10', 'security-analysis-2025-12-10.md',
    ]);
  });

  it('a failed write is an Error with a one-line message', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'blocker'), 'x');
    const err = await writeReport(makeReport(), { format: 'json', output: join(dir, 'blocker', 'r.json'), color: false }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cannot write json report to .*blocker\/r\.json: (ENOTDIR|EEXIST)/);
    expect((err as Error).message).not.toContain('\n');
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      await expect(writeReport(makeReport(), { format: 'html', output: join(ro, 'r.html'), color: false })).rejects.toThrow(/EACCES/);
      expect(existsSync(join(ro, 'r.html'))).toBe(false);
    }
  });
});

describe('exitCodeFor', () => {
  it('fails at or above the threshold, never with --exit-zero or none', () => {
    const r = makeReport(); // has critical findings
    expect(exitCodeFor(r, 'critical', false)).toBe(1);
    expect(exitCodeFor(r, 'info', false)).toBe(1);
    expect(exitCodeFor(r, 'critical', true)).toBe(0);
    expect(exitCodeFor(r, 'none', false)).toBe(0);
    const lowOnly = makeReport({ findings: r.findings.filter((f) => f.severity === 'low') });
    expect(exitCodeFor(lowOnly, 'medium', false)).toBe(0);
    expect(exitCodeFor(lowOnly, 'low', false)).toBe(1);
    expect(exitCodeFor(makeCleanReport(), 'info', false)).toBe(0);
  });
});
