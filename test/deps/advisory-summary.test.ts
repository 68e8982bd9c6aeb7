/**
 * Fixes that fit the project (issue 16): the dependency table's Issue column shows what the
 * advisory is about, never the package's own description that NVD-sourced details open with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactOsv } from '../../src/deps/osv.js';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { renderDepsTable } from '../../src/report/deps-table.js';

const doc = (details: string, extra: object = {}) => ({
  id: 'PYSEC-2099-1',
  modified: '2099-01-01T00:00:00Z',
  details,
  affected: [{ package: { ecosystem: 'PyPI', name: 'aiohttp' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.9.0' }] }] }],
  ...extra,
});

describe('advisory summaries', () => {
  it('skip a leading sentence that only describes the project', () => {
    const rec = compactOsv(doc('aiohttp is an asynchronous HTTP client/server framework for asyncio and Python. Improper validation makes it possible for an attacker to modify the HTTP request (e.g. insert a new header). Fixed in 3.9.0.'));
    expect(rec?.summary).toBe('Improper validation makes it possible for an attacker to modify the HTTP request (e.g. insert a new header).');
    expect(compactOsv(doc('This affects the package jinja2 from 0.0.0 and before 2.11.3. The ReDoS vulnerability is mainly due to the regex.'))?.summary).toBe('The ReDoS vulnerability is mainly due to the regex.');
  });

  it('keep a first sentence about the flaw, an own summary, and a lone description', () => {
    expect(compactOsv(doc('There is a cross-site scripting vulnerability in x. More text here.'))?.summary).toBe('There is a cross-site scripting vulnerability in x.');
    expect(compactOsv(doc('aiohttp is a framework. Details.', { summary: 'aiohttp is a framework with a smuggling bug' }))?.summary).toBe('aiohttp is a framework with a smuggling bug');
    expect(compactOsv(doc('Requests is a HTTP library.'))?.summary).toBe('Requests is a HTTP library.');
  });

  it('the deps table of an aiohttp project names the flaws, not "asynchronous HTTP client/server framework"', async () => {
    const root = mkdtempSync(join(tmpdir(), 'krait-sum-'));
    writeFileSync(join(root, 'requirements.txt'), 'aiohttp==3.8.1\nrequests==2.19.0\n');
    const { report } = await analyzeDependencies({ roots: [root], files: [{ path: 'requirements.txt', absPath: join(root, 'requirements.txt'), kind: 'requirements' }], imports: [], localModules: [], online: false, dataDir: join(root, '.none') });
    const table = renderDepsTable(report);
    expect(table).toContain('PYSEC-2023-250');
    expect(table).toMatch(/PYSEC-2023-250 \([^)]*\): Improper validation made it possible for an attacker/);
    expect(table).not.toMatch(/is an asynchronous HTTP client\/server framework/);
    expect(table).not.toMatch(/Requests is a HTTP library/);
  });
});
