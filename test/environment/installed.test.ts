/** Reading an installed environment (src/deps/installed.ts): distributions, records, hashes, .pth files, hostile entries. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectEnvironment, parseRecord, readEnvironment } from '../../src/deps/installed.js';
import { makeVenv, SITE } from './fake-env.js';

describe('installed environments', () => {
  const venv = makeVenv();
  const env = readEnvironment(venv, detectEnvironment(venv)!);
  const dist = (name: string) => env.distributions.find((d) => d.name === name)!;

  it('detects a virtualenv, a site-packages folder and a folder holding one; not an ordinary folder', () => {
    expect(detectEnvironment(venv)).toEqual({ kind: 'virtualenv', siteDirs: [SITE] });
    expect(detectEnvironment(path.join(venv, SITE))).toEqual({ kind: 'site-packages', siteDirs: [''] });
    const holder = mkdtempSync(path.join(tmpdir(), 'krait-env-'));
    mkdirSync(path.join(holder, 'dist-packages'));
    expect(detectEnvironment(holder)).toEqual({ kind: 'site-packages', siteDirs: ['dist-packages'] });
    expect(detectEnvironment(path.join(venv, 'bin'))).toBeUndefined();
    // A standard library folder (lib/python3.X) holds site-packages and modules of its own: code, not an environment.
    writeFileSync(path.join(holder, 'os.py'), 'import sys\n');
    expect(detectEnvironment(holder)).toBeUndefined();
  });

  it('reads name and version from METADATA and PKG-INFO, and the console entry points', () => {
    expect(env.distributions.map((d) => `${d.name}==${d.version} ${d.format} ${d.fileList}`)).toEqual([
      'Django==3.2.0 dist-info RECORD',
      'goodpkg==1.0 dist-info RECORD',
      'legacy==2.0 egg-info top_level.txt',
    ]);
    expect(dist('goodpkg').versionLine).toBe(3);
    expect(dist('goodpkg').entryPoints).toEqual([{ group: 'console_scripts', name: 'good', target: 'goodpkg:main' }]);
  });

  it('checks RECORD hashes: a changed file, a deleted one, a file added since install', () => {
    const g = dist('goodpkg');
    expect(g.modified).toEqual([`${SITE}/goodpkg/mod.py`]);
    expect(g.missing).toEqual([`${SITE}/goodpkg/gone.py`]);
    expect(g.unrecorded).toEqual([`${SITE}/goodpkg/added.py`]);
    expect(g.files).toContain(`${SITE}/goodpkg/__init__.py`);
    expect(g.files).toContain(`${SITE}/goodpkg/added.py`);
  });

  it('lists record entries outside the prefix, absolute or malformed, and never follows a link', () => {
    const g = dist('goodpkg');
    expect(g.outside).toEqual(['../../../../outside-secret.py', '/etc/passwd', '..\\..\\evil.py']);
    expect(g.files).toContain('bin/good');
    expect(g.files.some((f) => f.includes('outside-secret') || f.includes('passwd') || f.includes('link.py'))).toBe(false);
    expect(g.unverified).toEqual([{ path: `${SITE}/goodpkg/link.py`, reason: 'symbolic link (not followed)' }]);
    expect(env.skipped).toEqual([{ path: `${SITE}/goodpkg/link.py`, reason: 'symbolic link in an installed environment (not followed)' }]);
  });

  it('falls back to top_level.txt for an egg-info without a file list', () => {
    expect(dist('legacy').files.filter((f) => !f.includes('.egg-info/'))).toEqual([`${SITE}/legacy/__init__.py`]);
  });

  it('reads .pth files: import lines run at start, other lines are paths', () => {
    expect(env.pthFiles.map((p) => [p.path, p.importLines.map((l) => l.line), p.pathLines])).toEqual([
      [`${SITE}/helper.pth`, [1], 0],
      [`${SITE}/paths.pth`, [], 1],
      [`${SITE}/zz-evil.pth`, [2], 1],
    ]);
    expect(env.unowned).toEqual([`${SITE}/_helper_hook.py`]);
  });

  it('accepts hex digests (as Debian writes them) and quoted CSV paths', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'krait-env-'));
    const site = path.join(dir, 'site-packages');
    mkdirSync(path.join(site, 'x-1.dist-info'), { recursive: true });
    mkdirSync(path.join(site, 'x'));
    writeFileSync(path.join(site, 'x', 'a,b.py'), 'A = 1\n');
    writeFileSync(path.join(site, 'x-1.dist-info', 'METADATA'), 'Name: x\nVersion: 1\n');
    // sha256("A = 1\n") in hex.
    writeFileSync(path.join(site, 'x-1.dist-info', 'RECORD'), '"x/a,b.py",sha256=06edbcf4336165a271e6524025a6439c3caa3246fd0796f116772279707a5325,6\n');
    const e = readEnvironment(site, detectEnvironment(site)!);
    const x = e.distributions[0]!;
    expect(x.files).toEqual(['x/a,b.py']);
    expect(x.modified).toEqual([]);
    expect(parseRecord('"a ""q"".py",sha256=x,1\nplain.py,,\n')).toEqual([{ path: 'a "q".py', hash: 'sha256=x' }, { path: 'plain.py', hash: '' }]);
  });
});

describe('hostile environments', () => {
  it('never reads through a folder link that leads out of the root, and does not hash past the limit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'krait-env-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'krait-out-'));
    writeFileSync(path.join(outside, 'creds.py'), 'TOKEN = "x"\n');
    const site = path.join(dir, 'site-packages');
    mkdirSync(path.join(site, 'x-1.dist-info'), { recursive: true });
    mkdirSync(path.join(site, 'x'));
    writeFileSync(path.join(site, 'x', 'big.py'), 'A = 1\n'.repeat(100));
    symlinkSync(outside, path.join(site, 'linked'));
    writeFileSync(path.join(site, 'x-1.dist-info', 'METADATA'), 'Name: x\nVersion: 1\n');
    writeFileSync(path.join(site, 'x-1.dist-info', 'RECORD'), `linked/creds.py,sha256=${'A'.repeat(43)},12\nx/big.py,sha256=${'B'.repeat(43)},600\n`);
    const e = readEnvironment(site, detectEnvironment(site)!, { maxHashBytes: 100 });
    const x = e.distributions[0]!;
    expect(x.files).toEqual(['x/big.py']);
    expect(x.modified).toEqual([]);
    expect(x.unverified).toEqual([
      { path: 'linked/creds.py', reason: 'not a regular file inside the environment' },
      { path: 'x/big.py', reason: 'larger than 100 bytes (not hashed)' },
    ]);
    expect(e.skipped).toEqual([{ path: 'linked', reason: 'symbolic link in an installed environment (not followed)' }]);
  });

  it('does not read a RECORD past the size limit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'krait-env-'));
    const site = path.join(dir, 'site-packages');
    mkdirSync(path.join(site, 'y-1.dist-info'), { recursive: true });
    writeFileSync(path.join(site, 'y-1.dist-info', 'METADATA'), 'Name: y\nVersion: 1\n');
    writeFileSync(path.join(site, 'y-1.dist-info', 'RECORD'), 'y/a.py,,\n'.repeat(1000));
    const y = readEnvironment(site, detectEnvironment(site)!, { maxFileSize: 1000 }).distributions[0]!;
    expect([y.fileList, y.missing.length]).toEqual(['none', 0]);
  });
});
