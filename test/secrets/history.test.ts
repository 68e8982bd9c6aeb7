/**
 * `--history`: a repository generated with `git fast-import` (1,200 commits) where a token
 * is committed at commit 400 and removed at 401 — the history scan finds it with its commit,
 * says it was removed and must be rotated, and masks it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanHistory } from '../../src/pipeline/history.js';
import { scan } from '../../src/pipeline/scan.js';

const TOKEN = 'ghp_' + 'Zq8XwT3mLk9PvR2sN7bY4cH6jD1fG5aE0uIo'; // built here so the source holds no token

function makeRepo(commits: number, secretAt: number): { dir: string; ids: () => string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-history-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const app = i === secretAt ? `GITHUB_TOKEN = "${TOKEN}"\nVERSION = ${i}\n` : `VERSION = ${i}\n`;
    const t = 1700000000 + i * 60;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Dev <dev@example.org> ${t} +0000\ndata ${`c${i}`.length}\nc${i}\n`;
    if (i > 1) stream += `from :${i - 1}\n`;
    stream += `M 100644 inline app/settings.py\ndata ${Buffer.byteLength(app)}\n${app}\n`;
    stream += `M 100644 inline notes/n${i % 50}.txt\ndata ${String(i).length}\n${i}\n`;
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: stream });
  execFileSync('git', ['-C', dir, 'checkout', '-q', '-f', 'main']);
  return { dir, ids: () => execFileSync('git', ['-C', dir, 'rev-list', '--reverse', 'HEAD']).toString().trim().split('\n') };
}

describe('secrets in git history', () => {
  it('finds a token added and removed in a 1,200-commit history, with its commit', async () => {
    const { dir, ids } = makeRepo(1200, 400);
    try {
      const all = ids();
      expect(all.length).toBe(1200);
      const t0 = Date.now();
      const r = await scanHistory({ root: dir, maxFileSize: 1 << 20 });
      const ms = Date.now() - t0;
      const hits = r.findings.filter((f) => f.properties?.['format'] && String(f.properties['masked']).startsWith('ghp_'));
      expect(hits.length).toBe(1);
      const h = hits[0]!;
      expect(h.properties?.['commit']).toBe(all[399]);
      expect(h.properties?.['removedIn']).toBe(all[400]);
      expect(h.properties?.['inWorkingTree']).toBe(false);
      expect(h.message).toContain(`removed in ${all[400]!.slice(0, 12)}: still in history — rotate it`);
      expect(JSON.stringify(h)).not.toContain(TOKEN);
      expect(r.stats.commits).toBe(1200);
      // each blob once: settings.py has 1,200 versions, the notes 50 files × distinct contents
      expect(r.stats.blobs).toBeLessThanOrEqual(2400);
      console.log(`history scan: ${r.stats.commits} commits, ${r.stats.blobs} blobs in ${ms} ms`);

      // --since past the secret: not found; through the CLI-facing scan() it is a finding.
      const later = await scanHistory({ root: dir, maxFileSize: 1 << 20, since: all[500]! });
      expect(later.findings.filter((f) => String(f.properties?.['masked']).startsWith('ghp_'))).toEqual([]);
      const rep = await scan({ targets: [dir], jobs: 1, config: false, analyses: ['secrets'], history: {} });
      expect(rep.findings.some((f) => f.properties?.['removedIn'] === all[400])).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('never runs what the repository configures and warns on a shallow clone', async () => {
    const { dir } = makeRepo(5, 3);
    const marker = path.join(dir, 'pwned');
    try {
      const hook = `#!/bin/sh\ntouch ${marker}\n`;
      writeFileSync(path.join(dir, 'evil.sh'), hook, { mode: 0o755 });
      execFileSync('git', ['-C', dir, 'config', 'core.fsmonitor', path.join(dir, 'evil.sh')]);
      execFileSync('git', ['-C', dir, 'config', 'diff.external', path.join(dir, 'evil.sh')]);
      execFileSync('git', ['-C', dir, 'config', 'core.pager', path.join(dir, 'evil.sh')]);
      const r = await scanHistory({ root: dir, maxFileSize: 1 << 20 });
      expect(r.findings.length).toBe(1);
      expect(() => execFileSync('test', ['-e', marker])).toThrow();

      const clone = mkdtempSync(path.join(tmpdir(), 'krait-shallow-'));
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, path.join(clone, 'c')]);
      const s = await scanHistory({ root: path.join(clone, 'c'), maxFileSize: 1 << 20 });
      expect(s.warnings.join(' ')).toMatch(/shallow clone/);
      rmSync(clone, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
