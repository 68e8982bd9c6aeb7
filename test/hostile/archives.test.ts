/**
 * Hostile archives: duplicate member names (pip installs the last; krait analyses the last
 * and reports the duplication, KR147), corrupt and unsupported archives and entries (listed
 * as skipped with a reason and a diagnostic, never silently dropped). Zips are written
 * byte by byte here so that they can hold what no zip writer would produce.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { crc32, deflateRawSync } from 'node:zlib';
import { scanTree } from './analyze-helpers.js';

interface Entry {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflate, 12 bzip2, 14 lzma (the bytes are written as given for 12/14, unless `bzip2`). */
  method?: number;
  /** With method 12: compress `data` with the system's bzip2 (CRC and size are those of `data`). */
  bzip2?: boolean;
  /** With method 14: compress `data` with the system's xz as LZMA (CRC and size are those of `data`). */
  lzma?: boolean;
}

/**
 * Zip method 14 data (APPNOTE 5.8): version 9.20, properties size 5, the properties, then
 * the LZMA data with its end marker — from an LZMA-alone file (`xz --format=lzma`) without
 * its 8-byte size field.
 */
function zipLzma(raw: Buffer): Buffer {
  const alone = execFileSync('xz', ['--format=lzma', '-c'], { input: raw });
  return Buffer.concat([Buffer.from([9, 20, 5, 0]), alone.subarray(0, 5), alone.subarray(13)]);
}

/**
 * A zip file of `entries` in order (local headers, central directory, end record).
 * `prefix` is data before the zip: its offsets count it (`zip -A`) unless `relative`
 * (a stub simply concatenated before a zip, as Python's zipfile also reads).
 */
function zip(entries: Entry[], prefix = Buffer.alloc(0), relative = false): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = relative ? 0 : prefix.length;
  for (const e of entries) {
    const raw = Buffer.from(e.data);
    const method = e.method ?? 0;
    const body = method === 8 ? deflateRawSync(raw) : method === 12 && e.bzip2 ? execFileSync('bzip2', ['-c'], { input: raw }) : method === 14 && e.lzma ? zipLzma(raw) : raw;
    const name = Buffer.from(e.name);
    const crc = crc32(raw);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(raw.length, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(raw.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([prefix, ...locals, cd, end]);
}

/** A zip64 file (sizes and offsets in zip64 extra fields, zip64 end record and locator), stored entries. */
function zip64(entries: Entry[], prefix = Buffer.alloc(0)): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const e of entries) {
    const raw = Buffer.from(e.data);
    const name = Buffer.from(e.name);
    const crc = crc32(raw);
    const lextra = Buffer.alloc(20);
    lextra.writeUInt16LE(1, 0);
    lextra.writeUInt16LE(16, 2);
    lextra.writeBigUInt64LE(BigInt(raw.length), 4);
    lextra.writeBigUInt64LE(BigInt(raw.length), 12);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(45, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(0xffffffff, 18);
    lh.writeUInt32LE(0xffffffff, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(lextra.length, 28);
    const cextra = Buffer.alloc(28);
    cextra.writeUInt16LE(1, 0);
    cextra.writeUInt16LE(24, 2);
    cextra.writeBigUInt64LE(BigInt(raw.length), 4);
    cextra.writeBigUInt64LE(BigInt(raw.length), 12);
    cextra.writeBigUInt64LE(BigInt(offset), 20);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(45, 4);
    ch.writeUInt16LE(45, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(0xffffffff, 20);
    ch.writeUInt32LE(0xffffffff, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(cextra.length, 30);
    ch.writeUInt32LE(0xffffffff, 42);
    locals.push(lh, name, lextra, raw);
    central.push(ch, name, cextra);
    offset += 30 + name.length + lextra.length + raw.length;
  }
  const cd = Buffer.concat(central);
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(entries.length), 24);
  rec.writeBigUInt64LE(BigInt(entries.length), 32);
  rec.writeBigUInt64LE(BigInt(cd.length), 40);
  rec.writeBigUInt64LE(BigInt(offset), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  loc.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([prefix, ...locals, cd, rec, loc, end]);
}

const found = (r: { findings: { ruleId: string; location: { path: string } }[] }, id: string, path?: string) =>
  r.findings.some((f) => f.ruleId === id && (path === undefined || f.location.path.endsWith(path)));

describe('hostile: archives', () => {
  it('duplicate entries: the last copy (what pip installs) is analysed', async () => {
    const { report } = await scanTree({ 'd/pkg-1.0-py3-none-any.whl': zip([{ name: 'pkg/mod.py', data: 'x = 1\n' }, { name: 'pkg/mod.py', data: 'eval(x)\n' }]) });
    expect(found(report, 'B307', 'pkg-1.0-py3-none-any.whl!/pkg/mod.py')).toBe(true);
  });

  it('duplicate entries are themselves a finding (KR147) naming the entry', async () => {
    const { report } = await scanTree({ 'pkg.whl': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: 'a.py', data: 'y = 2\n' }]) });
    const f = report.findings.find((x) => x.ruleId === 'KR147')!;
    expect(f.location.path).toMatch(/pkg\.whl$/);
    expect(f.message).toContain('a.py');
    expect(f.severity).toBe('high');
  });

  it('a benign last copy hides nothing: the malicious first copy is not what pip installs', async () => {
    const { report } = await scanTree({ 'pkg.whl': zip([{ name: 'a.py', data: 'eval(x)\n' }, { name: 'a.py', data: 'x = 1\n' }]) });
    expect(found(report, 'B307')).toBe(false);
    expect(found(report, 'KR147')).toBe(true);
  });

  it('three copies of one name: the third is analysed and the duplication reported once', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: 'a.py', data: 'y = 1\n' }, { name: 'a.py', data: 'exec(z)\n' }]) });
    expect(found(report, 'B102')).toBe(true);
    expect(report.findings.filter((f) => f.ruleId === 'KR147')).toHaveLength(1);
  });

  it('names that differ only by ./ or // are the same entry', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'pkg/a.py', data: 'x = 1\n' }, { name: './pkg//a.py', data: 'eval(q)\n' }]) });
    expect(found(report, 'B307')).toBe(true);
    expect(found(report, 'KR147')).toBe(true);
  });

  it('--ignore KR147 silences the duplication finding but the last copy is still analysed', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: 'a.py', data: 'eval(x)\n' }]) }, { ignore: ['KR147'] });
    expect(found(report, 'KR147')).toBe(false);
    expect(found(report, 'B307')).toBe(true);
  });

  it('deflate entries are read', async () => {
    const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: 'eval(x)\n', method: 8 }]) });
    expect(found(report, 'B307')).toBe(true);
  });

  it('an entry with a compression method krait cannot read is listed as skipped with its reason', async () => {
    const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: 'BZh91AY&SY', method: 12 }, { name: 'b.py', data: 'eval(x)\n' }]) });
    expect(report.skipped.some((s) => s.path.endsWith('p.whl!/a.py') || s.path.endsWith('p.whl'))).toBe(true);
  });

  it('bzip2 entries (method 12) are read, also in a zip with data prepended', async () => {
    const { report } = await scanTree({
      'p.whl': zip([{ name: 'a.py', data: 'x = 1\n' + '# pad\n'.repeat(200), method: 12, bzip2: true }, { name: 'b.py', data: 'eval(x)\n', method: 12, bzip2: true }]),
      'q.zip': zip([{ name: 'c.py', data: 'exec(y)\n', method: 12, bzip2: true }], Buffer.from('#!/bin/sh\nexit 0\n')),
    });
    expect(found(report, 'B307', 'p.whl!/b.py')).toBe(true);
    expect(found(report, 'B102', 'q.zip!/c.py')).toBe(true);
    expect(report.skipped).toEqual([]);
  });

  it('a corrupt bzip2 entry is skipped in one line; the entries after it are still read', async () => {
    const bad = execFileSync('bzip2', ['-c'], { input: Buffer.from('eval(z)\n'.repeat(100)) });
    bad[bad.length >> 1] ^= 0xff;
    const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: bad, method: 12 }, { name: 'b.py', data: 'eval(x)\n' }]) });
    expect(report.skipped.find((x) => x.path.endsWith('p.whl!/a.py'))?.reason).toMatch(/^corrupt entry \([^\n]+\)$/);
    expect(found(report, 'B307', 'p.whl!/a.py')).toBe(false);
    expect(found(report, 'B307', 'p.whl!/b.py')).toBe(true);
  });

  it('a bzip2 zip entry that expands past the per-entry limit is skipped; a bomb entry stops extraction', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
    const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: big, method: 12, bzip2: true }, { name: 'b.py', data: 'eval(x)\n' }]) });
    expect(report.skipped.find((x) => x.path.endsWith('p.whl!/a.py'))?.reason).toMatch(/^larger than the per-file size limit/);
    expect(found(report, 'B307', 'p.whl!/b.py')).toBe(true);
    const bomb = Buffer.alloc(40 * 1024 * 1024);
    const r2 = await scanTree({ 'q.whl': zip([{ name: 'z.py', data: bomb, method: 12, bzip2: true }]) });
    expect(r2.report.skipped.some((x) => /^archive bomb: compression ratio above 200:1/.test(x.reason))).toBe(true);
  }, 60_000);

  it('lzma entries (method 14) are read; a corrupt one is skipped in one line; a bomb stops extraction', async () => {
    const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: 'x = 1\n' + '# pad\n'.repeat(200), method: 14, lzma: true }, { name: 'b.py', data: 'eval(x)\n', method: 14, lzma: true }]) });
    expect(found(report, 'B307', 'p.whl!/b.py')).toBe(true);
    expect(report.skipped).toEqual([]);
    const bad = zipLzma(Buffer.from('eval(z)\n'.repeat(100)));
    const cut = bad.subarray(0, bad.length - 6);
    const r1 = await scanTree({ 'q.whl': zip([{ name: 'a.py', data: cut, method: 14 }, { name: 'b.py', data: Buffer.from([9, 20, 7, 0, 1, 2]), method: 14 }, { name: 'c.py', data: 'eval(x)\n' }]) });
    expect(r1.report.skipped.find((x) => x.path.endsWith('q.whl!/a.py'))?.reason).toMatch(/^corrupt entry \([^\n]+\)$/);
    expect(r1.report.skipped.find((x) => x.path.endsWith('q.whl!/b.py'))?.reason).toBe('corrupt entry (bad lzma properties header)');
    expect(found(r1.report, 'B307', 'q.whl!/a.py')).toBe(false);
    expect(found(r1.report, 'B307', 'q.whl!/c.py')).toBe(true);
    const r2 = await scanTree({ 'z.whl': zip([{ name: 'z.py', data: Buffer.alloc(40 * 1024 * 1024), method: 14, lzma: true }]) });
    expect(r2.report.skipped.some((x) => /^archive bomb: compression ratio above 200:1/.test(x.reason))).toBe(true);
  }, 60_000);

  for (const [method, label] of [ [93, 'zstd'], [99, 'AES encryption'], [77, 'unknown']] as const) {
    it(`a zip entry compressed with ${label} (${method}) is skipped naming the method; the entries after it are still read`, async () => {
      const { report } = await scanTree({ 'p.whl': zip([{ name: 'a.py', data: 'x'.repeat(5000), method }, { name: 'b.py', data: 'eval(x)\n' }]) });
      const s = report.skipped.find((x) => x.path.endsWith('p.whl!/a.py'));
      expect(s?.reason).toBe(`compression method ${label} (${method}) is not supported (not extracted)`);
      expect(found(report, 'B307', 'p.whl!/b.py')).toBe(true);
    });
  }

  it('a corrupt archive is skipped with its reason and a diagnostic, and the scan goes on', async () => {
    const { report } = await scanTree({ 'bad.whl': Buffer.from('PK\u0003\u0004 this is not really a zip'), 'ok.py': 'eval(x)\n' });
    expect(report.skipped.some((s) => s.path.endsWith('bad.whl') && /cannot be opened/.test(s.reason))).toBe(true);
    expect(report.diagnostics.some((d) => d.path.endsWith('bad.whl') && d.kind === 'read-error')).toBe(true);
    expect(found(report, 'B307', 'ok.py')).toBe(true);
  });

  it('random bytes named .tar.gz are skipped with a diagnostic', async () => {
    const { report } = await scanTree({ 'x.tar.gz': Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]) });
    expect(report.skipped.some((s) => s.path.endsWith('x.tar.gz'))).toBe(true);
    expect(report.diagnostics.some((d) => d.path.endsWith('x.tar.gz'))).toBe(true);
  });

  it('an empty .zip file is skipped with a diagnostic', async () => {
    const { report } = await scanTree({ 'e.zip': Buffer.alloc(0) });
    expect(report.skipped.some((s) => s.path.endsWith('e.zip'))).toBe(true);
    expect(report.diagnostics.some((d) => d.path.endsWith('e.zip'))).toBe(true);
  });

  it('a zip with data prepended and offsets adjusted (zip -A, self-extracting) is read as Python zipfile reads it', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: 'b.py', data: 'eval(x)\n' }], Buffer.from('#!/bin/sh\nexit 0\n' + 'MZ'.repeat(300))) });
    expect(found(report, 'B307', 'p.zip!/b.py')).toBe(true);
    expect(report.skipped.filter((s) => s.path.startsWith('p.zip'))).toEqual([]);
  });

  it('a zip simply concatenated after a stub (offsets relative to the zip) is read as Python zipfile reads it', async () => {
    const stub = Buffer.concat([Buffer.from('#!/bin/sh\nexec python3 "$0"\n'), Buffer.alloc(1000, 0x41)]);
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: 'b.py', data: 'eval(x)\n' }], stub, true) });
    expect(found(report, 'B307', 'p.zip!/b.py')).toBe(true);
    expect(report.skipped.filter((s) => s.path.startsWith('p.zip'))).toEqual([]);
  });

  it('a stub holding a fake local header before the real zip does not hide the real entries', async () => {
    const decoy = Buffer.from(zip([{ name: 'a.py', data: 'x = 1\n' }]).subarray(0, 40)); // a local header, no end record
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'b.py', data: 'eval(x)\n' }], decoy, true) });
    expect(found(report, 'B307', 'p.zip!/b.py')).toBe(true);
  });

  it('a zip64 archive (sizes and offsets in zip64 fields) is read', async () => {
    const { report } = await scanTree({ 'p.whl': zip64([{ name: 'pkg/a.py', data: 'x = 1\n' }, { name: 'pkg/b.py', data: 'eval(x)\n' }]) });
    expect(found(report, 'B307', 'p.whl!/pkg/b.py')).toBe(true);
    expect(report.skipped.filter((s) => s.path.startsWith('p.whl'))).toEqual([]);
  });

  it('a zip64 archive with data prepended is read', async () => {
    const { report } = await scanTree({ 'p.zip': zip64([{ name: 'a.py', data: 'eval(x)\n' }], Buffer.alloc(777, 0x7f)) });
    expect(found(report, 'B307', 'p.zip!/a.py')).toBe(true);
  });

  for (const name of ['p-1.0.tar.bz2', 'p-1.0.tbz', 'p-1.0.tbz2', 'p-1.0.tar.xz', 'p-1.0.txz']) {
    it(`${name} holding garbage is skipped as corrupt in one line, with a diagnostic, and the scan goes on`, async () => {
      const { report } = await scanTree({ [name]: Buffer.from('BZh91AY&SY\u00fd7zXZ\u0000'), 'ok.py': 'eval(x)\n' });
      const s = report.skipped.find((x) => x.path.endsWith(name));
      expect(s?.reason).toMatch(/^archive cannot be opened: corrupt or unsupported tar archive \([^\n]+\)$/);
      expect(report.diagnostics.some((d) => d.path.endsWith(name) && d.kind === 'read-error')).toBe(true);
      expect(found(report, 'B307', 'ok.py')).toBe(true);
    });
  }

  for (const name of ['p-1.0.tar.lzma', 'p-1.0.tar.zst']) {
    it(`${name} is refused with a one-line reason naming its format, listed as skipped and as a diagnostic`, async () => {
      const { report } = await scanTree({ [name]: Buffer.from('BZh91AY&SY\u00fd7zXZ\u0000'), 'ok.py': 'eval(x)\n' });
      const s = report.skipped.find((x) => x.path.endsWith(name));
      expect(s?.reason).toMatch(/^archive format krait cannot open: (lzma|zstd)-compressed tar \(krait opens .*\)$/);
      expect(report.diagnostics.some((d) => d.path.endsWith(name) && d.kind === 'read-error' && d.message === s!.reason)).toBe(true);
      expect(found(report, 'B307', 'ok.py')).toBe(true);
    });
  }

  it('a duplicate entry with a traversal name is refused, not written', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: '../a.py', data: 'eval(x)\n' }]) });
    expect(found(report, 'B307')).toBe(false);
    expect(report.skipped.some((s) => /path traversal/.test(s.reason))).toBe(true);
  });
});
