/**
 * Downloaded packages scanned as folders: a wheel and an sdist built here with a vulnerable
 * Python file inside, and hostile archives (path traversal, links, devices, nested
 * archives, bombs, corrupt data). Each test points TMPDIR at a private folder, so that
 * "nothing written outside the extraction folder" and "the extraction folder is gone" are
 * checked on the file system.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { packTar, type TarEntry } from 'modern-tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractArchive, isArchiveName, safeEntryPath } from '../../src/pipeline/discover/archive.js';
import { discover, discoverWithArchives } from '../../src/pipeline/discover/walk.js';
import { scan } from '../../src/pipeline/scan.js';

const VULNERABLE = 'import subprocess\n\n\ndef get(cmd):\n    return subprocess.Popen(cmd, shell=True)\n';
const METADATA = 'Metadata-Version: 2.1\nName: requests\nVersion: 2.19.0\nRequires-Dist: urllib3 (<1.24,>=1.21.1)\nRequires-Dist: idna (<2.8,>=2.5)\nRequires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == \'socks\'\n\nLong description. Requires-Dist: not-a-header\n';

let base: string;
let tmp: string;
let work: string;
let savedTmp: string | undefined;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'krait-archive-test-'));
  tmp = path.join(base, 'tmp', 'inner');
  work = path.join(base, 'work');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(work, { recursive: true });
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});

afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(base, { recursive: true, force: true });
});

/** Every file under a folder, relative, `/`-separated. */
function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Nothing left in the private TMPDIR, and nothing beside it or beside the work folder. */
function expectNothingOutside(workFiles: string[]): void {
  expect(listAll(tmp)).toEqual([]);
  expect(readdirSync(path.join(base, 'tmp'))).toEqual(['inner']);
  expect(readdirSync(base).sort()).toEqual(['tmp', 'work']);
  expect(listAll(work)).toEqual(workFiles.sort());
}

function writeZip(rel: string, files: Zippable): string {
  const abs = path.join(work, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, zipSync(files));
  return abs;
}

async function writeTar(rel: string, entries: TarEntry[], gzip = true): Promise<string> {
  const abs = path.join(work, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  const tar = await packTar(entries);
  writeFileSync(abs, gzip ? gzipSync(tar) : tar);
  return abs;
}

const file = (name: string, body: string | Uint8Array): TarEntry => ({
  header: { name, size: typeof body === 'string' ? Buffer.byteLength(body) : body.length, type: 'file' },
  body,
});

/** `data` compressed by the system's `bzip2` or `xz` (as sdists are made). */
const compress = (tool: 'bzip2' | 'xz', data: Uint8Array): Buffer => execFileSync(tool, ['-c'], { input: data });

const scanOpts = (targets: string[]) => ({ targets, cwd: work, config: false as const, jobs: 1, select: ['B602'] });
const reasonsOf = (skipped: { path: string; reason: string }[]) => Object.fromEntries(skipped.map((s) => [s.path, s.reason]));

describe('archive names and entry paths', () => {
  it('recognises the archives krait opens', () => {
    for (const n of ['requests-2.19.0-py2.py3-none-any.whl', 'Django-3.2.tar.gz', 'x.tgz', 'x.tar', 'project.zip', 'a.egg', 'A.WHL', 'x.tar.bz2', 'x.tbz', 'x.tbz2', 'x.tar.xz', 'X.TXZ']) expect(isArchiveName(n)).toBe(true);
    for (const n of ['x.tar.zst', 'x.tar.lzma', 'x.bz2', 'x.xz', 'x.py', 'zipfile.py', 'tar']) expect(isArchiveName(n)).toBe(false);
  });
  it('refuses absolute paths, .. segments, drive letters, backslashes and control characters', () => {
    expect(safeEntryPath('pkg/./a//b.py')).toBe('pkg/a/b.py');
    for (const n of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'c:x', 'a\\..\\x', 'a/\u0000b', '', './', 'a/C:/b']) expect(safeEntryPath(n)).toBeUndefined();
  });
});

describe('scanning downloaded packages', () => {
  it('scans a wheel given as a target: findings and dependencies carry !/ paths, and the temp folder is gone', async () => {
    writeZip('dist/requests-2.19.0-py2.py3-none-any.whl', {
      'requests/__init__.py': strToU8(''),
      'requests/api.py': strToU8(VULNERABLE),
      'requests-2.19.0.dist-info/METADATA': strToU8(METADATA),
      'requests-2.19.0.dist-info/RECORD': strToU8(''),
    });
    const report = await scan(scanOpts(['dist/requests-2.19.0-py2.py3-none-any.whl']));
    const whl = 'dist/requests-2.19.0-py2.py3-none-any.whl!/';
    const b602 = report.findings.filter((f) => f.ruleId === 'B602');
    expect(b602.map((f) => [f.location.path, f.location.startLine])).toEqual([[`${whl}requests/api.py`, 5]]);
    expect(report.files.map((f) => f.path)).toContain(`${whl}requests/api.py`);
    const reqs = report.dependencies?.requirements.map((r) => [r.requirement.name, r.requirement.group, r.requirement.source.path]);
    expect(reqs).toEqual(
      expect.arrayContaining([
        ['urllib3', 'main', `${whl}requests-2.19.0.dist-info/METADATA`],
        ['idna', 'main', `${whl}requests-2.19.0.dist-info/METADATA`],
        ['PySocks', 'socks', `${whl}requests-2.19.0.dist-info/METADATA`],
      ]),
    );
    expect(reqs).toHaveLength(3);
    expectNothingOutside(['dist', 'dist/requests-2.19.0-py2.py3-none-any.whl']);
  });

  it('scans an sdist met inside a scanned folder, with package names from inside the archive', async () => {
    await writeTar('vendor/Django-3.2.tar.gz', [
      { header: { name: 'Django-3.2/', size: 0, type: 'directory' } },
      file('Django-3.2/PKG-INFO', 'Metadata-Version: 2.1\nName: Django\nVersion: 3.2\nRequires-Dist: asgiref<4,>=3.3.2\n'),
      file('Django-3.2/django/__init__.py', ''),
      file('Django-3.2/django/views/__init__.py', ''),
      file('Django-3.2/django/views/debug.py', VULNERABLE),
      file('Django-3.2/.gitignore', 'ignored.py\n'),
      file('Django-3.2/ignored.py', VULNERABLE),
      file('Django-3.2/__pycache__/x.py', VULNERABLE),
    ]);
    writeFileSync(path.join(work, 'app.py'), 'x = 1\n');
    const report = await scan(scanOpts(['.']));
    const sd = 'vendor/Django-3.2.tar.gz!/';
    expect(report.findings.filter((f) => f.ruleId === 'B602').map((f) => f.location.path)).toEqual([`${sd}Django-3.2/django/views/debug.py`]);
    const reasons = reasonsOf(report.skipped);
    expect(reasons[`${sd}Django-3.2/ignored.py`]).toMatch(/gitignore/);
    expect(reasons[`${sd}Django-3.2/__pycache__/`]).toMatch(/excluded by default/);
    expect(report.dependencies?.requirements.map((r) => r.requirement.name)).toEqual(['asgiref']);
    expectNothingOutside(['app.py', 'vendor', 'vendor/Django-3.2.tar.gz']);

    // relPath and package names come from inside the archive.
    const d = await discoverWithArchives(['.'], { exclude: [], include: [], gitignore: true, defaultExcludes: true, cwd: work });
    try {
      const debug = d.files.find((f) => f.path === `${sd}Django-3.2/django/views/debug.py`);
      expect(debug).toMatchObject({ relPath: 'Django-3.2/django/views/debug.py', packageName: 'django.views', kind: 'python' });
      expect(d.localModules).toEqual(['app', 'django']);
    } finally {
      d.cleanup();
    }
    expect(listAll(tmp)).toEqual([]);
  });

  it('plain discovery lists archives as skipped instead of extracting them', () => {
    writeZip('pkg.zip', { 'a.py': strToU8('') });
    const d = discover(['.'], { exclude: [], include: [], gitignore: true, defaultExcludes: true, cwd: work });
    expect(d.files).toEqual([]);
    expect(reasonsOf(d.skipped)['pkg.zip']).toMatch(/archive/);
    expect(listAll(tmp)).toEqual([]);
  });
});

describe('hostile archives', () => {
  const absTarget = () => path.join(base, 'tmp', `abs-${path.basename(base)}.py`);

  it('zip: traversal, absolute, drive-letter and backslash names, symbolic links and nested archives are not extracted', async () => {
    const abs = absTarget();
    writeZip('evil.zip', {
      'ok.py': strToU8(VULNERABLE),
      '../escape.py': strToU8(VULNERABLE),
      '../../../escape2.py': strToU8(VULNERABLE),
      [abs]: strToU8(VULNERABLE),
      'C:/drive.py': strToU8(VULNERABLE),
      'a\\..\\..\\back.py': strToU8(VULNERABLE),
      'link.py': [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      'fifo': [strToU8(''), { os: 3, attrs: (0o010644 << 16) >>> 0 }],
      'inner.whl': zipSync({ 'nested.py': strToU8(VULNERABLE) }),
    });
    const report = await scan(scanOpts(['evil.zip']));
    expect(report.findings.map((f) => f.location.path)).toEqual(['evil.zip!/ok.py']);
    const reasons = reasonsOf(report.skipped);
    for (const n of ['../escape.py', '../../../escape2.py', abs, 'C:/drive.py', 'a\\..\\..\\back.py']) {
      expect(reasons[`evil.zip!/${n}`], n).toBe('path traversal in archive entry (not extracted)');
    }
    expect(reasons['evil.zip!/link.py']).toMatch(/symbolic link/);
    expect(reasons['evil.zip!/fifo']).toMatch(/FIFO/);
    expect(reasons['evil.zip!/inner.whl']).toMatch(/archive inside an archive/);
    expect(existsSync(abs)).toBe(false);
    expect(existsSync('/C:/drive.py')).toBe(false);
    expectNothingOutside(['evil.zip']);
  });

  it('tar: traversal and absolute names, symbolic links, hard links and devices are not extracted', async () => {
    const abs = absTarget();
    await writeTar('evil-1.0.tar.gz', [
      file('evil-1.0/ok.py', VULNERABLE),
      file('../escape.py', VULNERABLE),
      file('evil-1.0/../../escape2.py', VULNERABLE),
      file(abs, VULNERABLE),
      file('C:/drive.py', VULNERABLE),
      file('a\\..\\..\\back.py', VULNERABLE),
      { header: { name: 'evil-1.0/ln.py', size: 0, type: 'symlink', linkname: '/etc/passwd' } },
      { header: { name: 'evil-1.0/hard.py', size: 0, type: 'link', linkname: '/etc/passwd' } },
      { header: { name: 'evil-1.0/dev', size: 0, type: 'character-device' } },
      { header: { name: 'evil-1.0/blk', size: 0, type: 'block-device' } },
      { header: { name: 'evil-1.0/fifo', size: 0, type: 'fifo' } },
      file('evil-1.0/inner.tar.gz', 'not really'),
      // The link's name again, as a file: written as a regular file, never through a link.
      file('evil-1.0/ln.py/x.py', VULNERABLE),
    ]);
    const report = await scan(scanOpts(['evil-1.0.tar.gz']));
    const p = 'evil-1.0.tar.gz!/';
    expect(report.findings.map((f) => f.location.path).sort()).toEqual([`${p}evil-1.0/ln.py/x.py`, `${p}evil-1.0/ok.py`]);
    const reasons = reasonsOf(report.skipped);
    for (const n of ['../escape.py', 'evil-1.0/../../escape2.py', abs, 'C:/drive.py', 'a\\..\\..\\back.py']) {
      expect(reasons[p + n], n).toBe('path traversal in archive entry (not extracted)');
    }
    expect(reasons[`${p}evil-1.0/ln.py`]).toMatch(/symbolic link/);
    expect(reasons[`${p}evil-1.0/hard.py`]).toMatch(/hard link/);
    expect(reasons[`${p}evil-1.0/dev`]).toMatch(/device/);
    expect(reasons[`${p}evil-1.0/blk`]).toMatch(/device/);
    expect(reasons[`${p}evil-1.0/fifo`]).toMatch(/FIFO/);
    expect(reasons[`${p}evil-1.0/inner.tar.gz`]).toMatch(/archive inside an archive/);
    expect(existsSync(abs)).toBe(false);
    expectNothingOutside(['evil-1.0.tar.gz']);
  });

  it('an entry larger than --max-file-size is skipped (actual bytes counted), the rest is scanned', async () => {
    writeZip('big.zip', { 'big.py': strToU8('x = 1\n'.repeat(40_000)), 'small.py': strToU8(VULNERABLE) });
    await writeTar('big.tar', [file('big.py', 'x = 1\n'.repeat(40_000)), file('small.py', VULNERABLE)], false);
    const report = await scan({ ...scanOpts(['big.zip', 'big.tar']), maxFileSize: 100_000 });
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['big.tar!/small.py', 'big.zip!/small.py']);
    const reasons = reasonsOf(report.skipped);
    expect(reasons['big.zip!/big.py']).toMatch(/per-file size limit \(100000 bytes\)/);
    expect(reasons['big.tar!/big.py']).toMatch(/per-file size limit \(100000 bytes\)/);
    expectNothingOutside(['big.tar', 'big.zip']);
  });

  it('a zip whose headers understate the sizes is still held to the limits', async () => {
    const real = writeZip('liar.zip', { 'a.py': strToU8('x = 1\n'.repeat(40_000)) });
    // Rewrite the declared uncompressed size in the local header and the central directory to 10 bytes.
    const buf = Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(real)));
    buf.writeUInt32LE(10, 22);
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buf.writeUInt32LE(10, cd + 24);
    writeFileSync(real, buf);
    const x = await extractArchive(real, { maxEntryBytes: 100_000 });
    try {
      expect(x.skipped).toEqual([{ entry: 'a.py', reason: 'larger than the per-file size limit (100000 bytes)' }]);
      expect(listAll(x.dir)).toEqual([]);
    } finally {
      x.cleanup();
    }
    expect(existsSync(x.dir)).toBe(false);
  });

  it('archive bombs: total bytes, entry count and compression ratio stop extraction with a clear reason', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const files: Zippable = { 'first.py': strToU8(VULNERABLE) };
    for (let i = 0; i < 12; i++) files[`z${i}.dat`] = zeros;
    writeZip('bomb.zip', files);
    await writeTar('bomb.tar.gz', [file('first.py', VULNERABLE), file('zeros.dat', new Uint8Array(40 * 1024 * 1024))]);

    // Through a scan, with the default limits: the ratio check fires (48 MB from about 50 KB).
    const report = await scan(scanOpts(['bomb.zip', 'bomb.tar.gz']));
    const reasons = reasonsOf(report.skipped);
    expect(reasons['bomb.zip']).toMatch(/^archive bomb: compression ratio above 200:1/);
    expect(reasons['bomb.tar.gz']).toMatch(/^archive bomb: compression ratio above 200:1/);
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['bomb.tar.gz!/first.py', 'bomb.zip!/first.py']);
    expectNothingOutside(['bomb.tar.gz', 'bomb.zip']);

    const zip = path.join(work, 'bomb.zip');
    const total = await extractArchive(zip, { maxTotalBytes: 10 * 1024 * 1024, maxRatio: 1e9 });
    expect(total.skipped.at(-1)).toEqual({ entry: '', reason: 'archive bomb: more than 10485760 uncompressed bytes exceed the limit (extraction stopped)' });
    total.cleanup();
    const tgz = await extractArchive(path.join(work, 'bomb.tar.gz'), { maxTotalBytes: 10 * 1024 * 1024, maxRatio: 1e9, maxEntryBytes: 1e9 });
    expect(tgz.skipped).toEqual([
      { entry: 'zeros.dat', reason: 'extraction stopped inside this entry' },
      { entry: '', reason: 'archive bomb: more than 10485760 uncompressed bytes exceed the limit (extraction stopped)' },
    ]);
    expect(listAll(tgz.dir)).toEqual(['first.py']);
    tgz.cleanup();
    const count = await extractArchive(zip, { maxEntries: 5, maxRatio: 1e9 });
    expect(count.skipped.at(-1)).toEqual({ entry: '', reason: 'archive bomb: more than 5 entries exceed the limit (extraction stopped)' });
    expect(listAll(count.dir).length).toBeLessThanOrEqual(5);
    count.cleanup();
    expect(listAll(tmp)).toEqual([]);
  });

  it('.tar.bz2 / .tbz and .tar.xz / .txz sdists are read (system bzip2 and xz): their findings are reported', async () => {
    const tar = Buffer.from(await packTar([file('p-1.0/p/app.py', VULNERABLE), file('p-1.0/p/ok.py', 'x = 1\n')]));
    writeFileSync(path.join(work, 'p-1.0.tar.bz2'), compress('bzip2', tar));
    writeFileSync(path.join(work, 'q-1.0.tbz'), compress('bzip2', tar));
    writeFileSync(path.join(work, 'r-1.0.tar.xz'), compress('xz', tar));
    writeFileSync(path.join(work, 's-1.0.txz'), compress('xz', tar));
    const report = await scan(scanOpts(['.']));
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['p-1.0.tar.bz2!/p-1.0/p/app.py', 'q-1.0.tbz!/p-1.0/p/app.py', 'r-1.0.tar.xz!/p-1.0/p/app.py', 's-1.0.txz!/p-1.0/p/app.py']);
    expect(report.skipped).toEqual([]);
    expectNothingOutside(['p-1.0.tar.bz2', 'q-1.0.tbz', 'r-1.0.tar.xz', 's-1.0.txz']);
  });

  it('a zip written by zip -Z bzip2 (method 12 entries) is read', async () => {
    const src = path.join(base, 'src');
    mkdirSync(path.join(src, 'p'), { recursive: true });
    writeFileSync(path.join(src, 'p', 'app.py'), VULNERABLE + '# padding so that zip compresses it\n'.repeat(50));
    execFileSync('zip', ['-q', '-Z', 'bzip2', path.join(work, 'p.zip'), 'p/app.py'], { cwd: src });
    rmSync(src, { recursive: true });
    expect(execFileSync('unzip', ['-v', path.join(work, 'p.zip')]).toString()).toContain('BZip2');
    const report = await scan(scanOpts(['.']));
    expect(report.findings.map((f) => f.location.path)).toEqual(['p.zip!/p/app.py']);
    expect(report.skipped).toEqual([]);
    expectNothingOutside(['p.zip']);
  });

  it('bzip2 and xz bombs stop while decompressing with the same reason as gzip, and a corrupt bz2/xz is one line', async () => {
    // 200 MB of zeros: a few hundred bytes of bzip2; the ratio limit stops the decoder at 16 MB.
    writeFileSync(path.join(work, 'bomb.tar.bz2'), execFileSync('sh', ['-c', 'head -c 200000000 /dev/zero | bzip2 -9'], { maxBuffer: 1 << 20 }));
    const bz = await extractArchive(path.join(work, 'bomb.tar.bz2'));
    expect(bz.skipped).toEqual([{ entry: '', reason: expect.stringMatching(/^archive bomb: compression ratio above 200:1 \(\d+ bytes from \d+; extraction stopped\)$/) }]);
    expect(listAll(bz.dir)).toEqual([]);
    bz.cleanup();
    const total = await extractArchive(path.join(work, 'bomb.tar.bz2'), { maxTotalBytes: 10 * 1024 * 1024, maxRatio: 1e9 });
    expect(total.skipped).toEqual([{ entry: '', reason: 'archive bomb: more than 10485760 uncompressed bytes exceed the limit (extraction stopped)' }]);
    total.cleanup();
    writeFileSync(path.join(work, 'bomb.tar.xz'), execFileSync('sh', ['-c', 'head -c 60000000 /dev/zero | xz -6 -T1'], { maxBuffer: 1 << 20 }));
    const xz = await extractArchive(path.join(work, 'bomb.tar.xz'), { maxTotalBytes: 10 * 1024 * 1024, maxRatio: 1e9 });
    expect(xz.skipped.at(-1)).toEqual({ entry: '', reason: 'archive bomb: more than 10485760 uncompressed bytes exceed the limit (extraction stopped)' });
    xz.cleanup();
    const tar = Buffer.from(await packTar([file('a.py', VULNERABLE)]));
    const bz2 = compress('bzip2', tar);
    bz2[bz2.length >> 1] ^= 0xff;
    writeFileSync(path.join(work, 'bad.tar.bz2'), bz2);
    writeFileSync(path.join(work, 'bad.tar.xz'), compress('xz', tar).subarray(0, 60));
    writeFileSync(path.join(work, 'ok.py'), VULNERABLE);
    rmSync(path.join(work, 'bomb.tar.bz2'));
    rmSync(path.join(work, 'bomb.tar.xz'));
    const report = await scan(scanOpts(['.']));
    expect(report.findings.map((f) => f.location.path)).toEqual(['ok.py']);
    const reasons = reasonsOf(report.skipped);
    expect(reasons['bad.tar.bz2']).toMatch(/^archive cannot be opened: corrupt or unsupported tar archive \([^\n]+\)$/);
    expect(reasons['bad.tar.xz']).toMatch(/^archive cannot be opened: corrupt or unsupported tar archive \([^\n]+\)$/);
    expectNothingOutside(['bad.tar.bz2', 'bad.tar.xz', 'ok.py']);
  }, 60_000);

  it('corrupt or mislabelled archives are listed as skipped in one line, and the scan goes on', async () => {
    writeFileSync(path.join(work, 'fake.whl'), 'this is not a zip');
    writeFileSync(path.join(work, 'fake.tar.gz'), 'this is not gzip');
    const good = zipSync({ 'a.py': strToU8(VULNERABLE) });
    writeFileSync(path.join(work, 'truncated.zip'), good.subarray(0, 40));
    writeFileSync(path.join(work, 'x.tar.bz2'), 'BZh9');
    writeFileSync(path.join(work, 'ok.py'), VULNERABLE);
    const report = await scan(scanOpts(['.']));
    expect(report.findings.map((f) => f.location.path)).toEqual(['ok.py']);
    const reasons = reasonsOf(report.skipped);
    expect(reasons['fake.whl']).toMatch(/^archive cannot be opened: corrupt or unsupported zip archive \(no end of central directory record/);
    expect(reasons['fake.tar.gz']).toMatch(/^archive cannot be opened: corrupt or unsupported tar archive/);
    expect(reasons['truncated.zip']).toBe('archive cannot be opened: corrupt or unsupported zip archive (no end of central directory record (truncated, or not a zip))');
    expect(reasons['x.tar.bz2']).toMatch(/^archive cannot be opened: corrupt or unsupported tar archive \(/);
    for (const r of Object.values(reasons)) expect(r).not.toContain('\n');
    expectNothingOutside(['fake.tar.gz', 'fake.whl', 'ok.py', 'truncated.zip', 'x.tar.bz2']);
  });
});
