/** .env checks on temporary git repositories: ignored, not ignored, committed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzePosture } from '../../src/pipeline/posture.js';
import { unpinnedPipPackages } from '../../src/posture/containers.js';
import { listFiles } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>, commit: string[] = []): string {
  const d = mkdtempSync(path.join(tmpdir(), 'krait-posture-'));
  dirs.push(d);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, p)), { recursive: true });
    writeFileSync(path.join(d, p), text);
  }
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: d, stdio: 'pipe' });
  git('init', '-q');
  if (commit.length) {
    git('add', '-f', ...commit);
    git('commit', '-q', '-m', 'x');
  }
  return d;
}

async function ruleIds(root: string): Promise<string[]> {
  const r = await analyzePosture({ roots: [root], files: listFiles(root), routes: [] });
  return r.findings.map((f) => f.ruleId).sort();
}

describe('.env files', () => {
  it('an ignored, untracked .env with a template is fine', async () => {
    expect(await ruleIds(repo({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc123def456\n', '.env.example': 'SECRET_KEY=\n' }))).toEqual([]);
  });
  it('a committed .env is reported even when .gitignore names it now', async () => {
    const d = repo({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc123def456\n', '.env.example': 'SECRET_KEY=\n' }, ['.env']);
    expect(await ruleIds(d)).toEqual(['KR341']);
  });
  it('an unignored .env without a template', async () => {
    expect(await ruleIds(repo({ '.env': 'DB_URL=postgres://u:p@h/db\n' }))).toEqual(['KR340', 'KR342']);
  });
  it('a negated pattern re-includes the template only', async () => {
    expect(await ruleIds(repo({ '.gitignore': '.env*\n!.env.example\n', '.env': 'A=1\n', '.env.example': 'A=\n' }))).toEqual([]);
  });
});

describe('pip install pins', () => {
  it('finds unpinned packages and skips pins, requirements files, paths and pip itself', () => {
    expect(unpinnedPipPackages('pip install --no-cache-dir flask==3.0.3 requests && python -m pip install -U pip && pip install -r req.txt ./pkg gunicorn>=21')).toEqual(['requests', 'gunicorn>=21']);
  });
});
