import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/pipeline/discover/walk.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-disc-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

const opts = (cwd: string, extra: Partial<Parameters<typeof discover>[1]> = {}) => ({ exclude: [], include: [], gitignore: true, defaultExcludes: true, cwd, ...extra });

describe('discovery', () => {
  it('honours .gitignore at every level and lists what it skipped', () => {
    const root = tree({
      '.gitignore': 'secret_dir/\n*.log\n',
      'app/.gitignore': 'generated.py\n',
      'app/__init__.py': '',
      'app/main.py': 'x = 1',
      'app/generated.py': 'x = 2',
      'secret_dir/a.py': 'x = 3',
      'debug.log': '',
    });
    const d = discover(['.'], opts(root));
    expect(d.files.map((f) => f.path).sort()).toEqual(['.gitignore', 'app/.gitignore', 'app/__init__.py', 'app/main.py']);
    const reasons = Object.fromEntries(d.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['app/generated.py']).toMatch(/gitignore/);
    expect(reasons['secret_dir/']).toMatch(/gitignore/);
    expect(reasons['debug.log']).toMatch(/gitignore/);
    expect(d.localModules).toContain('app');
  });

  it('skips virtualenvs, caches and VCS folders by default, and honours --exclude / --include', () => {
    const root = tree({
      'venv2/pyvenv.cfg': 'home = /usr',
      'venv2/lib/x.py': '',
      'node_modules/pkg/a.py': '',
      '__pycache__/a.py': '',
      'build/lib/pkg/mod.py': '',
      'src/keep.py': '',
      'src/build/__init__.py': '',
      'tests/test_a.py': '',
    });
    const d = discover(['.'], opts(root, { exclude: ['tests'] }));
    // A package named `build` (pip/_internal/operations/build) is code, not build output.
    expect(d.files.map((f) => f.path).sort()).toEqual(['src/build/__init__.py', 'src/keep.py']);
    expect(d.skipped.filter((s) => /excluded by default/.test(s.reason)).map((s) => s.path).sort()).toEqual(['__pycache__/', 'build/', 'node_modules/', 'venv2/']);
    expect(d.skipped.find((s) => s.path === 'tests/')?.reason).toMatch(/--exclude/);
    const only = discover(['.'], opts(root, { include: ['tests/**'], defaultExcludes: true }));
    expect(only.files.map((f) => f.path)).toEqual(['tests/test_a.py']);
  });

  it('never follows symbolic links, and says where they point', () => {
    const outside = tree({ 'evil.py': 'import os' });
    const root = tree({ 'a.py': '' });
    symlinkSync(outside, path.join(root, 'out'));
    symlinkSync(path.join(root, 'a.py'), path.join(root, 'b.py'));
    symlinkSync(root, path.join(root, 'loop'));
    symlinkSync(path.join(root, 'missing.py'), path.join(root, 'broken.py'));
    const d = discover(['.'], opts(root));
    expect(d.files.map((f) => f.path)).toEqual(['a.py']);
    const reasons = Object.fromEntries(d.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['out']).toMatch(/outside the scanned folder/);
    expect(reasons['b.py']).toMatch(/not followed/);
    expect(reasons['loop']).toMatch(/not followed/);
    expect(reasons['broken.py']).toMatch(/broken/);
  });

  it('computes dotted package names for relative imports', () => {
    const root = tree({ 'shop/__init__.py': '', 'shop/app/__init__.py': '', 'shop/app/views.py': '', 'scripts/run.py': '' });
    const d = discover(['.'], opts(root));
    const byPath = Object.fromEntries(d.files.map((f) => [f.path, f.packageName]));
    expect(byPath['shop/app/views.py']).toBe('shop.app');
    expect(byPath['scripts/run.py']).toBe('');
    expect(d.localModules).toEqual(['run', 'shop']);
  });

  it('reports targets that do not exist', () => {
    const root = tree({ 'a.py': '' });
    expect(discover(['nope', 'a.py'], opts(root)).missing).toEqual(['nope']);
  });
});
