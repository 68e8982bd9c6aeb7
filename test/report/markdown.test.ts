import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMarkdown, slugify, mdText, mdCode, mdBlock } from '../../src/report/markdown.js';
import { makeReport, makeHostileReport, makeCleanReport, lookupRule, PAYLOADS } from './make-report.js';

const DAY = new Date(2025, 11, 9, 15, 30);
const tmp = () => mkdtempSync(join(tmpdir(), 'krait-md-'));
const headings = (md: string) => md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').split('\n').filter((l) => /^#{1,2} /.test(l));

describe('writeMarkdown', () => {
  it('writes security-analysis-YYYY-MM-DD.md and one finding-NNN-<slug>.md per finding', () => {
    const dir = tmp();
    const r = makeReport();
    const files = writeMarkdown(r, dir, DAY, lookupRule);
    expect(files[0]).toBe(join(dir, 'security-analysis-2025-12-09.md'));
    expect(files).toHaveLength(1 + r.findings.length);
    const names = readdirSync(join(dir, 'security-analysis-2025-12-09')).sort();
    expect(names).toHaveLength(r.findings.length);
    expect(names[0]).toBe('finding-001-aws-access-key.md');
    for (const n of names) expect(n).toMatch(/^finding-\d{3}-[a-z0-9-]+\.md$/);
  });

  it("summary has the seed's sections in order, counts and working links to each finding", () => {
    const dir = tmp();
    writeMarkdown(makeReport(), dir, DAY, lookupRule);
    const md = readFileSync(join(dir, 'security-analysis-2025-12-09.md'), 'utf8');
    expect(headings(md)).toEqual([
      '# Security Analysis', '## Overview', '## Summary', '## Findings Summary', '## Score: 7/25', '## Prioritized Action Items', '## Success Metrics',
    ]);
    for (const field of ['**Scope**', '**Files Analyzed**: 4', '**Critical Issues**: 3', '**High Priority Items**: 5', '**Recommended Priority**']) {
      expect(md).toContain(`- ${field}`);
    }
    for (const line of ['- Security: ', '- Performance: ', '- Code Quality: 1 finding', '- Quality & Testing: ']) expect(md).toContain(line);
    const links = [...md.matchAll(/\]\((security-analysis-2025-12-09\/finding-[^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(18);
    expect(md).toMatch(/^1\. \*\*CRITICAL\*\* \[/m);
    for (const l of links) expect(existsSync(join(dir, decodeURI(l)))).toBe(true);
  });

  it('each finding file has the seed sections, the code, the fix and how to test it', () => {
    const dir = tmp();
    const files = writeMarkdown(makeReport(), dir, DAY, lookupRule);
    const b602 = files.find((f) => f.includes('subprocess-popen-with-shell-equals-true'))!;
    const md = readFileSync(b602, 'utf8');
    expect(headings(md)).toEqual([
      expect.stringMatching(/^# Finding \d{3}: B602 subprocess popen with shell equals true$/),
      '## Issue description', '## Location', '## Current state', '## Recommended solution', '## Why this helps',
      '## Implementation steps', '## Testing recommendations',
    ]);
    expect(md).toContain('`app/main.py:16:5`');
    expect(md).toContain('```python\n15     cmd = request.args.get("cmd")\n16     subprocess.call(cmd, shell=True)');
    expect(md).toContain('subprocess.call(["ls", name])'); // docs.instead
    expect(md).toContain('With a shell, characters such as ; \\| and \\$\\(\\)'); // docs.why, escaped
    expect(md).toContain('[CWE-78](https://cwe.mitre.org/data/definitions/78.html)');
    expect(md).toMatch(/\[summary\]\(\.\.\/security-analysis-2025-12-09\.md\)/);
    const back = resolve(dirname(b602), '../security-analysis-2025-12-09.md');
    expect(existsSync(back)).toBe(true);
    const flow = readFileSync(files.find((f) => f.includes('command-injection'))!, 'utf8');
    expect(flow).toContain('Data flow, from source to sink:');
    expect(flow).toContain("1. source: `app/main.py:15` — request.args.get\\('cmd'\\) \\(source: HTTP request\\)");
  });

  it('removes finding files of an earlier run of the same day', () => {
    const dir = tmp();
    writeMarkdown(makeReport(), dir, DAY);
    writeMarkdown(makeCleanReport(), dir, DAY);
    expect(readdirSync(join(dir, 'security-analysis-2025-12-09'))).toEqual([]);
    expect(readFileSync(join(dir, 'security-analysis-2025-12-09.md'), 'utf8')).toContain('1. No action needed: no findings.');
  });

  it('keeps audited text from turning into HTML or links', () => {
    const dir = tmp();
    const files = writeMarkdown(makeHostileReport(), dir, DAY);
    for (const f of files) {
      const md = readFileSync(f, 'utf8');
      const outsideCode = md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/(`+)[^`]*?\1/g, '');
      for (const p of PAYLOADS) expect(outsideCode).not.toContain(p);
      expect(outsideCode).not.toMatch(/<(script|img|svg)/i);
    }
    for (const f of files) expect(f.slice(dir.length)).not.toMatch(/[<>"']/);
  });

  it('escaping helpers', () => {
    expect(slugify('Subprocess Popen / shell=True!')).toBe('subprocess-popen-shell-true');
    expect(slugify('<<>>')).toBe('finding');
    expect(mdText('a <b> [x](y) *z*')).toBe('a &lt;b&gt; \\[x\\]\\(y\\) \\*z\\*');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdBlock('x\n```\ny')).toBe('````\nx\n```\ny\n````');
    writeFileSync(join(tmp(), 'x'), '');
  });
});
