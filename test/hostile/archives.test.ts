/**
 * Hostile archives: duplicate member names (pip installs the last; krait analyses the last
 * and reports the duplication, KR147), corrupt and unsupported archives and entries (listed
 * as skipped with a reason and a diagnostic, never silently dropped). Zips are written
 * byte by byte here so that they can hold what no zip writer would produce.
 */
import { describe, expect, it } from 'vitest';
import { crc32, deflateRawSync } from 'node:zlib';
import { scanTree } from './analyze-helpers.js';

interface Entry {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflate, 12 bzip2, 14 lzma (the bytes are written as given for 12/14). */
  method?: number;
}

/** A zip file of `entries` in order (local headers, central directory, end record). */
function zip(entries: Entry[], prefix = Buffer.alloc(0)): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const e of entries) {
    const raw = Buffer.from(e.data);
    const method = e.method ?? 0;
    const body = method === 8 ? deflateRawSync(raw) : raw;
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

  it('a zip with data prepended (as Python zipfile accepts) is listed, never silently dropped', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'eval(x)\n' }], Buffer.from('#!/bin/sh\nexit 0\n')) });
    const listed = report.skipped.some((s) => s.path.endsWith('p.zip')) || found(report, 'B307');
    expect(listed).toBe(true);
  });

  it('a duplicate entry with a traversal name is refused, not written', async () => {
    const { report } = await scanTree({ 'p.zip': zip([{ name: 'a.py', data: 'x = 1\n' }, { name: '../a.py', data: 'eval(x)\n' }]) });
    expect(found(report, 'B307')).toBe(false);
    expect(report.skipped.some((s) => /path traversal/.test(s.reason))).toBe(true);
  });
});
