/**
 * Downloaded packages — wheels (`.whl`), eggs, zips, sdists (`.tar.gz`, `.tgz`) and plain
 * tars — are extracted into a fresh private temporary folder so discovery can walk them
 * like any folder. Every archive is treated as hostile:
 *
 * - entry names that are absolute, hold `..` segments, drive letters, backslashes or NUL
 *   are never written (skipped: "path traversal in archive entry");
 * - symbolic links, hard links, devices and FIFOs are never created (skipped); a zip's
 *   Unix mode bits are read from its central directory for this;
 * - nested archives are not expanded (skipped);
 * - decompressed bytes are counted as they come out of the decompressor (declared sizes
 *   can lie): an entry over the per-entry limit is skipped, and extraction stops when the
 *   total bytes, the entry count or the compression ratio exceed their limits
 *   ("archive bomb: …");
 * - files are created with `wx` (no overwrite, no following of anything) under the
 *   `mkdtemp` folder only, and each target path is checked to lie inside it.
 *
 * Decompression is done by libraries, never here: `fflate`'s streaming `Unzip` with
 * `UnzipInflate` for zip-based formats, `seek-bzip` for zip entries compressed with bzip2
 * (method 12), `lzma-purejs` for LZMA entries (method 14), `node:zlib` gunzip, `seek-bzip` (bzip2) and `xz-decompress` (xz, wasm) with
 * `modern-tar`'s streaming decoder for tars. bzip2 output is counted byte by byte as it is
 * decoded (the decoder stops at the first limit crossed), xz output as it streams. zstd /
 * lzma compressed tars, and zip entries compressed with anything but stored, deflate,
 * bzip2 or lzma (zstd, deflate64, PPMd…), are not supported: each is listed as skipped with its format named,
 * never half-read.
 * Data prepended to a zip (self-extracting archives) is passed over as Python's
 * `zipfile` does, from the central directory's offsets; zip64 records are read.
 */
import { closeSync, createReadStream, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { removeTempDir, trackTempDir } from './temp-dirs.js';
import path from 'node:path';
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { strFromU8, Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { createTarDecoder, type ParsedTarEntry } from 'modern-tar';
import Bunzip from 'seek-bzip';
import { createRequire } from 'node:module';
import { ARCHIVES_OPENED, archiveFormat, isArchiveName, isUnsupportedArchiveName } from './archive-names.js';

export { archiveFormat, isArchiveName, isUnsupportedArchiveName, unsupportedArchiveReason } from './archive-names.js';

// lzma-purejs (zip method 14) is CommonJS/AMD without types: loaded with require.
const LZMA = createRequire(import.meta.url)('lzma-purejs') as {
  decompress(properties: Uint8Array, input: { readByte(): number }, output: { writeByte(byte: number): void }, outSize: number): boolean;
};
// xz-decompress is CommonJS whose named exports Node cannot detect: loaded with require.
const { XzReadableStream } = createRequire(import.meta.url)('xz-decompress') as typeof import('xz-decompress');

/** Limits on what one archive may expand to. All sizes are decompressed bytes. */
export interface ArchiveLimits {
  /** Largest single entry (the scan's `--max-file-size`); larger entries are skipped. */
  maxEntryBytes: number;
  /** All entries together; beyond it extraction stops. */
  maxTotalBytes: number;
  /** Entries of any type; beyond it extraction stops. */
  maxEntries: number;
  /** Decompressed ÷ compressed bytes read so far; beyond it (once `ratioFloorBytes` are out) extraction stops. */
  maxRatio: number;
  /** Decompressed bytes below which the ratio is not checked (small, very regular files compress well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntryBytes: 5 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 100_000,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
};

/** One entry not extracted; `entry` is its name in the archive ('' for the archive as a whole). */
export interface SkippedEntry {
  entry: string;
  reason: string;
}

export interface ExtractedArchive {
  /** Absolute path of the private temporary folder holding the extracted entries. */
  dir: string;
  skipped: SkippedEntry[];
  /** Entry paths that occur more than once (the last copy, which pip installs, is the one extracted). */
  duplicates: string[];
  /** Remove `dir` and everything in it. Safe to call more than once; never throws. */
  cleanup(): void;
}

/** How a tar is compressed. */
type TarCompression = 'none' | 'gzip' | 'bzip2' | 'xz';

/** Zip compression methods (APPNOTE 4.4.5) by number, for skipped reasons. */
const ZIP_METHODS: Record<number, string> = {
  1: 'shrink', 2: 'reduce', 3: 'reduce', 4: 'reduce', 5: 'reduce', 6: 'implode', 9: 'deflate64', 10: 'PKWARE implode', 12: 'bzip2',
  14: 'lzma', 18: 'IBM TERSE', 19: 'IBM LZ77', 20: 'zstd', 93: 'zstd', 94: 'MP3', 95: 'xz', 96: 'JPEG', 97: 'WavPack', 98: 'PPMd', 99: 'AES encryption',
};

/**
 * The safe relative path (`/`-separated) of an archive entry, or undefined when writing it
 * could land outside the extraction folder: absolute paths, `..` segments, drive letters
 * (`C:`), backslashes, NUL or other control characters. `.` and empty segments are dropped.
 */
export function safeEntryPath(name: string): string | undefined {
  // Control characters (NUL included) are never part of a file name krait writes.
  // eslint-disable-next-line no-control-regex
  if (!name || name.includes('\\') || /[\u0000-\u001f]/.test(name) || name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return undefined;
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (!parts.length || parts.some((p) => p === '..' || /^[a-zA-Z]:/.test(p))) return undefined;
  // On Windows a colon names an alternate data stream, and device names (CON, NUL…) or
  // trailing dots and spaces do not name the file they seem to.
  if (process.platform === 'win32' && parts.some((p) => p.includes(':') || /[. ]$/.test(p) || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(p))) return undefined;
  return parts.join('/');
}

const TRAVERSAL = 'path traversal in archive entry (not extracted)';

/** Thrown inside callbacks to stop extraction; its message is the skipped reason. */
class StopExtraction extends Error {}

/** Shared bookkeeping of one extraction: counts, limits, files written, skipped entries. */
class Extraction {
  entries = 0;
  totalOut = 0;
  totalIn = 0;
  readonly skipped: SkippedEntry[] = [];
  /** Entry paths met more than once, each once, in order (the last copy is the one kept). */
  readonly duplicates: string[] = [];
  /** Normalised paths already written, with the file each was written to. */
  private readonly written = new Map<string, string>();

  constructor(
    readonly dir: string,
    readonly limits: ArchiveLimits,
  ) {}

  skip(entry: string, reason: string): void {
    this.skipped.push({ entry, reason });
  }

  /** Count one entry; stops extraction past the entry limit. */
  countEntry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw new StopExtraction(`archive bomb: more than ${this.limits.maxEntries} entries exceed the limit (extraction stopped)`);
    }
  }

  /** Count decompressed bytes; stops extraction past the total or ratio limit. */
  countOut(n: number): void {
    this.totalOut += n;
    if (this.totalOut > this.limits.maxTotalBytes) {
      throw new StopExtraction(`archive bomb: more than ${this.limits.maxTotalBytes} uncompressed bytes exceed the limit (extraction stopped)`);
    }
    if (this.totalOut > this.limits.ratioFloorBytes && this.totalIn > 0 && this.totalOut / this.totalIn > this.limits.maxRatio) {
      throw new StopExtraction(
        `archive bomb: compression ratio above ${this.limits.maxRatio}:1 (${this.totalOut} bytes from ${this.totalIn}; extraction stopped)`,
      );
    }
  }

  /**
   * Decide whether an entry is written; returns its open file, or undefined after listing
   * it as skipped. `declaredSize` is only used to skip early; actual bytes are counted too.
   */
  open(name: string, declaredSize: number | undefined): OutFile | undefined {
    const rel = safeEntryPath(name);
    if (rel === undefined) {
      this.skip(name, TRAVERSAL);
      return undefined;
    }
    if (isArchiveName(rel) || isUnsupportedArchiveName(rel)) {
      this.skip(rel, 'archive inside an archive (not expanded)');
      return undefined;
    }
    if (declaredSize !== undefined && declaredSize > this.limits.maxEntryBytes) {
      this.skip(rel, `larger than the per-file size limit (${this.limits.maxEntryBytes} bytes)`);
      return undefined;
    }
    const abs = path.join(this.dir, ...rel.split('/'));
    if (!abs.startsWith(this.dir + path.sep)) {
      this.skip(name, TRAVERSAL);
      return undefined;
    }
    const earlier = this.written.get(rel);
    if (earlier !== undefined) {
      // Python's zipfile (so pip) reads the last entry of a name, and tarfile's extraction
      // leaves the last one: the earlier copy (a file krait wrote itself) is replaced.
      if (!this.duplicates.includes(rel)) this.duplicates.push(rel);
      this.skip(rel, 'duplicate entry in archive (an earlier copy was replaced by this later one, which is what pip installs)');
      try {
        unlinkSync(earlier);
      } catch {
        /* already gone (abandoned) */
      }
      this.written.delete(rel);
    }
    try {
      mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
      const fd = openSync(abs, 'wx', 0o600);
      this.written.set(rel, abs);
      return new OutFile(this, rel, abs, fd);
    } catch (err) {
      this.skip(rel, `cannot be extracted (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return undefined;
    }
  }
}

/** One file being written; counts its bytes and gives up past the per-entry limit. */
class OutFile {
  bytes = 0;
  private fd: number | undefined;

  constructor(
    private readonly x: Extraction,
    readonly rel: string,
    private readonly abs: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  get open(): boolean {
    return this.fd !== undefined;
  }

  /** Write a chunk (already counted in the totals by the caller). */
  write(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    this.bytes += chunk.length;
    if (this.bytes > this.x.limits.maxEntryBytes) {
      this.abandon(`larger than the per-file size limit (${this.x.limits.maxEntryBytes} bytes)`);
      return;
    }
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Close, delete what was written, and list the entry as skipped. */
  abandon(reason: string): void {
    this.close();
    try {
      unlinkSync(this.abs);
    } catch {
      /* already gone */
    }
    this.x.skip(this.rel, reason);
  }
}

/**
 * Extract an archive into a new private temporary folder (`mkdtemp` under the OS temp
 * folder, mode 0700).
 *
 * @param absPath absolute path of a `.whl`, `.zip`, `.egg`, `.tar.gz`/`.tgz`, `.tar.bz2`/`.tbz`, `.tar.xz`/`.txz` or `.tar`
 * @param limits per-entry, total, entry-count and ratio limits (defaults: DEFAULT_ARCHIVE_LIMITS)
 * @returns the folder, the entries not extracted with their reasons (an archive-wide stop
 *   such as an archive bomb has `entry: ''`), and `cleanup()`, which the caller must call
 * @throws Error with a one-line message when the archive is not a supported format or is
 *   corrupt; the temporary folder is already removed then
 */
export async function extractArchive(absPath: string, limits: Partial<ArchiveLimits> = {}): Promise<ExtractedArchive> {
  const format = archiveFormat(path.basename(absPath));
  if (!format) throw new Error(`${path.basename(absPath)}: not an archive krait opens (${ARCHIVES_OPENED})`);
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-archive-'));
  trackTempDir(dir); // removed on SIGINT/SIGTERM too (temp-dirs.ts)
  let removed = false;
  const cleanup = () => {
    if (removed) return;
    removed = true;
    removeTempDir(dir);
  };
  const x = new Extraction(dir, { ...DEFAULT_ARCHIVE_LIMITS, ...limits });
  try {
    if (format === 'zip') extractZip(absPath, x);
    else if (format === 'tar.bz2') await extractTarBz2(absPath, x);
    else await extractTar(absPath, format === 'tar.gz' ? 'gzip' : format === 'tar.xz' ? 'xz' : 'none', x);
  } catch (err) {
    if (err instanceof StopExtraction) {
      x.skip('', err.message);
    } else {
      cleanup();
      const msg = ((err as Error).message ?? String(err)).split('\n')[0];
      throw new Error(`${path.basename(absPath)}: corrupt or unsupported ${format === 'zip' ? 'zip' : 'tar'} archive (${msg})`);
    }
  }
  return { dir, skipped: x.skipped, duplicates: x.duplicates, cleanup };
}

const CHUNK = 64 * 1024;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function extractZip(absPath: string, x: Extraction): void {
  const fd = openSync(absPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const layout = zipLayout(fd, size);
    // Python's zipfile (so pip) refuses a zip without an end-of-central-directory record
    // ("File is not a zip file"); so does krait, rather than reading what it can stream.
    if (!layout) throw new Error('no end of central directory record (truncated, or not a zip)');
    const { special, start } = layout;
    // Data may come before the zip (a self-extracting stub, a shell script): Python's
    // zipfile finds the entries from the central directory, and so does krait.
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, start);
    if (head.readUInt32LE(0) !== 0x04034b50 && head.readUInt32LE(0) !== 0x06054b50) throw new Error(start ? `no zip entry where the central directory puts the first one (offset ${start})` : 'no zip signature at the start');
    let current: OutFile | undefined;
    const unzip = new Unzip((file: UnzipFile) => {
      current?.close();
      current = undefined;
      x.countEntry();
      if (file.name.endsWith('/') && !file.originalSize) {
        if (safeEntryPath(file.name) === undefined) x.skip(file.name, TRAVERSAL);
        return;
      }
      const kind = special.get(file.name);
      const method = file.compression;
      const unreadable = method !== 0 && method !== 8 && method !== 12 && method !== 14;
      const rel = safeEntryPath(file.name);
      const out = kind
        ? (x.skip(rel ?? file.name, rel === undefined ? TRAVERSAL : `${kind} in archive (not extracted)`), undefined)
        : unreadable
          ? (x.skip(rel ?? file.name, rel === undefined ? TRAVERSAL : `compression method ${ZIP_METHODS[method] ?? 'unknown'} (${method}) is not supported (not extracted)`), undefined)
          : x.open(file.name, file.originalSize);
      current = out;
      // Every entry is decompressed, written or not, so that its bytes are counted and
      // fflate does not buffer it.
      file.ondata = (err, data, final) => {
        if (err) {
          // fflate's inflater hands exceptions thrown by this handler back to it: a stop goes on up.
          if (err instanceof StopExtraction) throw err;
          if (out?.open) out.abandon(`corrupt entry (${err.message.split('\n')[0]})`);
          return;
        }
        try {
          x.countOut(data.length);
        } catch (e) {
          if (out?.open) out.abandon('extraction stopped inside this entry');
          throw e;
        }
        if (out?.open) out.write(data);
        if (final) out?.close();
      };
      try {
        file.start();
      } catch (e) {
        if (out?.open) out.abandon(`cannot be decompressed (${(e as Error).message.split('\n')[0]})`);
      }
    });
    unzip.register(UnzipInflate);
    unzip.register(UnzipBzip2);
    unzip.register(UnzipLzma);
    // Entries compressed otherwise are skipped (above); their bytes are read past, not kept.
    for (const m of Object.keys(ZIP_METHODS)) if (Number(m) !== 12 && Number(m) !== 14) unzip.register(discarder(Number(m)));
    const buf = Buffer.alloc(CHUNK);
    for (let pos = start; pos < size; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      if (n <= 0) break;
      pos += n;
      x.totalIn += n;
      unzip.push(new Uint8Array(buf.subarray(0, n)), pos >= size);
    }
    current?.close();
  } finally {
    closeSync(fd);
  }
}

/** What extraction needs from a zip's central directory. */
interface ZipLayout {
  /** Entries that are not regular files or folders (symbolic links, devices, FIFOs), by name. */
  special: Map<string, string>;
  /** File offset of the first local header: after any data prepended to the zip. */
  start: number;
}

/**
 * Read the end record and central directory as Python's `zipfile` does: the entries'
 * offsets are shifted by any data prepended to the zip (`concat` = where the central
 * directory is minus where the end record says it is; 0 when the offsets were adjusted,
 * as `zip -A` does), and extraction starts at the first local header. Also the names of
 * entries that are not regular files or folders, from the Unix mode in the external
 * attributes (APPNOTE 4.4.2/4.4.15: "version made by" host 3 = Unix, mode in the high 16
 * bits). Zip64 end records and extra fields are read. No end record at all yields
 * undefined; an unreadable central directory no special entries (nothing is ever created
 * as a link anyway) and a start at the prepended data's end.
 */
function zipLayout(fd: number, size: number): ZipLayout | undefined {
  const special = new Map<string, string>();
  let start = 0;
  try {
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return undefined;
    const eocdAt = size - tailLen + eocd;
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    let endAt = eocdAt; // where the central directory ends in the file
    const locAt = eocdAt - 20;
    if (locAt >= 0) {
      const loc = Buffer.alloc(20);
      readSync(fd, loc, 0, 20, locAt);
      if (loc.readUInt32LE(0) === 0x07064b50) {
        // Zip64: the record sits just before its locator (Python's zipfile assumes so too).
        const recAt = locAt - 56;
        const rec = Buffer.alloc(56);
        if (recAt >= 0) {
          readSync(fd, rec, 0, 56, recAt);
          if (rec.readUInt32LE(0) === 0x06064b50) {
            cdSize = Number(rec.readBigUInt64LE(40));
            cdOffset = Number(rec.readBigUInt64LE(48));
            endAt = recAt;
          }
        }
      }
    }
    const concat = endAt - cdSize - cdOffset;
    if (concat < 0) return { special, start: 0 };
    start = concat;
    const cdAt = cdOffset + concat;
    if (cdAt + cdSize > size || cdSize > 64 * 1024 * 1024) return { special, start };
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdAt);
    let first = Infinity;
    for (let i = 0; i + 46 <= cd.length && cd.readUInt32LE(i) === 0x02014b50; ) {
      const host = cd.readUInt8(i + 5);
      const flags = cd.readUInt16LE(i + 8);
      const nameLen = cd.readUInt16LE(i + 28);
      const extraLen = cd.readUInt16LE(i + 30);
      const commentLen = cd.readUInt16LE(i + 32);
      const mode = cd.readUInt32LE(i + 38) >>> 16;
      let offset = cd.readUInt32LE(i + 42);
      if (offset === 0xffffffff) offset = zip64Offset(cd.subarray(i + 46 + nameLen, i + 46 + nameLen + extraLen), cd, i) ?? offset;
      first = Math.min(first, offset);
      const name = strFromU8(cd.subarray(i + 46, i + 46 + nameLen), !(flags & 0x800));
      if (host === 3 && mode) {
        const type = mode & S_IFMT;
        if (type === S_IFLNK) special.set(name, 'symbolic link');
        else if (type && type !== S_IFREG && type !== S_IFDIR) special.set(name, 'device, FIFO or socket');
      }
      i += 46 + nameLen + extraLen + commentLen;
    }
    if (Number.isFinite(first) && concat + first < size) start = concat + first;
  } catch {
    /* an unreadable central directory: the streaming reader decides */
  }
  return { special, start };
}

/**
 * The local header offset of a central directory entry from its zip64 extra field (tag 1):
 * the 8-byte values present are, in order, those whose 32-bit field is 0xffffffff
 * (uncompressed size, compressed size, offset).
 */
function zip64Offset(extra: Buffer, cd: Buffer, at: number): number | undefined {
  for (let j = 0; j + 4 <= extra.length; ) {
    const tag = extra.readUInt16LE(j);
    const len = extra.readUInt16LE(j + 2);
    if (tag === 1) {
      let k = j + 4;
      if (cd.readUInt32LE(at + 24) === 0xffffffff) k += 8;
      if (cd.readUInt32LE(at + 20) === 0xffffffff) k += 8;
      return k + 8 <= j + 4 + len && k + 8 <= extra.length ? Number(extra.readBigUInt64LE(k)) : undefined;
    }
    j += 4 + len;
  }
  return undefined;
}

/**
 * A fflate decoder for a compression method krait does not read: its bytes are passed
 * over (never buffered) and nothing comes out; the entry is listed as skipped.
 */
function discarder(method: number) {
  return class Discard {
    static compression = method;
    ondata: (err: Error | null, data: Uint8Array, final: boolean) => void = () => undefined;
    push(_data: Uint8Array, final: boolean): void {
      if (final) this.ondata(null, new Uint8Array(0), true);
    }
  };
}

/**
 * The output side of `seek-bzip`: decoded bytes are gathered in CHUNK-sized pieces and
 * handed to `flush`, which counts them (and may throw StopExtraction, which stops the
 * decoder there — it writes byte by byte, so never more than one chunk past a limit).
 */
class BzipSink {
  private buf = Buffer.alloc(CHUNK);
  private pos = 0;

  constructor(private readonly flush: (chunk: Uint8Array) => void) {}

  writeByte(byte: number): void {
    this.buf[this.pos++] = byte;
    if (this.pos === CHUNK) this.end();
  }

  /** Hand over what is gathered (called once more after decoding). */
  end(): void {
    if (!this.pos) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.alloc(CHUNK);
    this.pos = 0;
    this.flush(chunk);
  }
}

/** One line from a decoder's error (seek-bzip's errors are objects with a message). */
function decodeError(err: unknown): Error {
  if (err instanceof Error) return err;
  const m = (err as { message?: unknown } | null)?.message;
  return new Error(typeof m === 'string' ? m : String(err));
}

/**
 * A fflate decoder for a zip compression method whose library decodes a whole buffer at
 * once: fflate hands over the compressed bytes; they are kept until the entry's last piece
 * (at most the archive's own size), then decoded with the output counted as it comes (see
 * BzipSink), so a bomb stops the decoder at the limit. A decoding error ends the entry with
 * that error; reaching a limit (StopExtraction) ends the extraction.
 */
abstract class BufferedUnzip {
  ondata: (err: Error | null, data: Uint8Array, final: boolean) => void = () => undefined;
  private parts: Uint8Array[] = [];

  /** Decode the whole entry into `sink` (throws on corrupt data). */
  protected abstract decode(input: Buffer, sink: BzipSink): void;

  push(data: Uint8Array, final: boolean): void {
    if (data.length) this.parts.push(data);
    if (!final) return;
    const input = Buffer.concat(this.parts);
    this.parts = [];
    const sink = new BzipSink((chunk) => this.ondata(null, chunk, false));
    try {
      this.decode(input, sink);
      sink.end();
    } catch (err) {
      if (err instanceof StopExtraction) throw err;
      this.ondata(decodeError(err), new Uint8Array(0), true);
      return;
    }
    this.ondata(null, new Uint8Array(0), true);
  }
}

/** Zip entries compressed with bzip2 (method 12), decoded by `seek-bzip`. */
class UnzipBzip2 extends BufferedUnzip {
  static compression = 12;
  protected decode(input: Buffer, sink: BzipSink): void {
    Bunzip.decode(input, sink, true);
  }
}

/**
 * Zip entries compressed with LZMA (method 14, APPNOTE 5.8): a 4-byte header (version,
 * properties size), the LZMA properties, then raw LZMA data ending with an end marker.
 * Decoded by `lzma-purejs`; reading past the entry's bytes is an error, never a loop.
 */
class UnzipLzma extends BufferedUnzip {
  static compression = 14;
  protected decode(input: Buffer, sink: BzipSink): void {
    if (input.length < 4) throw new Error('truncated lzma header');
    const propLen = input.readUInt16LE(2);
    if (propLen !== 5 || input.length < 4 + propLen) throw new Error('bad lzma properties header');
    let pos = 4 + propLen;
    const reader = {
      readByte(): number {
        if (pos >= input.length) throw new Error('lzma data ends early');
        return input[pos++];
      },
    };
    if (!LZMA.decompress(input.subarray(4, 4 + propLen), reader, sink, -1)) throw new Error('lzma data error');
  }
}

/**
 * A `.tar.bz2`: `seek-bzip` decodes synchronously, so the tar is decoded into a file in a
 * second private temporary folder (never into the extraction folder), every chunk counted
 * against the total and ratio limits as it comes out — an archive bomb stops the decoder
 * there — and that plain tar is then read as any other. The temporary tar is removed.
 */
async function extractTarBz2(absPath: string, x: Extraction): Promise<void> {
  const input = readFileSync(absPath);
  const tmp = mkdtempSync(path.join(tmpdir(), 'krait-bunzip-'));
  trackTempDir(tmp);
  try {
    const tarPath = path.join(tmp, 'archive.tar');
    const fd = openSync(tarPath, 'wx', 0o600);
    x.totalIn = input.length;
    try {
      const sink = new BzipSink((chunk) => {
        x.countOut(chunk.length);
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      });
      try {
        Bunzip.decode(input, sink, true);
      } catch (err) {
        if (err instanceof StopExtraction) throw err;
        throw decodeError(err);
      }
      sink.end();
    } finally {
      closeSync(fd);
    }
    // The decompressed bytes were counted above; the tar's own bytes are not counted twice.
    x.totalOut = 0;
    x.totalIn = 0;
    await extractTar(tarPath, 'none', x);
  } finally {
    removeTempDir(tmp);
  }
}

/** Counts bytes flowing through; `onBytes` may throw StopExtraction to stop the stream. */
function meter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      try {
        onBytes(chunk.length);
        cb(null, chunk);
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

const TAR_TYPES: Record<string, string> = {
  link: 'hard link',
  symlink: 'symbolic link',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'FIFO',
};

async function extractTar(absPath: string, compression: TarCompression, x: Extraction): Promise<void> {
  let failure: Error | undefined;
  const src = createReadStream(absPath, { highWaterMark: CHUNK });
  const counted = meter((n) => (x.totalIn += n));
  const out = meter((n) => x.countOut(n));
  const done = (err: unknown) => {
    if (err && failure === undefined) failure = err instanceof Error ? err : new Error('the archive stream failed');
  };
  let node: Readable;
  if (compression === 'gzip') node = pipeline(src, counted, createGunzip(), out, done);
  else if (compression === 'xz') {
    // xz-decompress works on web streams: it pulls compressed bytes as its output is read,
    // so a bomb stops (out throws) with little decoded ahead.
    const compressed = Readable.toWeb(pipeline(src, counted, done)) as unknown as ReadableStream<Uint8Array>;
    const xz = Readable.fromWeb(new XzReadableStream(compressed) as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
    node = pipeline(xz, out, done);
  } else node = pipeline(src, counted, out, done);
  const decoder = createTarDecoder({ strict: true });
  const entries = (Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>).pipeThrough(decoder);
  const reader = entries.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<ParsedTarEntry>;
      try {
        next = await reader.read();
      } catch (err) {
        throw failure ?? err;
      }
      if (next.done) break;
      const { header, body } = next.value;
      x.countEntry();
      const type = header.type ?? 'file';
      if (type === 'directory' || type === 'pax-header' || type === 'pax-global-header' || type === 'gnu-long-name' || type === 'gnu-long-link-name') {
        if (type === 'directory' && safeEntryPath(header.name) === undefined) x.skip(header.name, TRAVERSAL);
        await body.cancel();
        continue;
      }
      if (type !== 'file') {
        const rel = safeEntryPath(header.name);
        x.skip(rel ?? header.name, rel === undefined ? TRAVERSAL : `${TAR_TYPES[type] ?? type} in archive (not extracted)`);
        await body.cancel();
        continue;
      }
      const file = x.open(header.name, header.size);
      const bodyReader = body.getReader();
      try {
        for (;;) {
          const chunk = await bodyReader.read();
          if (chunk.done) break;
          file?.write(chunk.value);
        }
      } catch (err) {
        if (file?.open) file.abandon('extraction stopped inside this entry');
        throw failure ?? err;
      } finally {
        file?.close();
      }
    }
  } finally {
    src.destroy();
    await reader.cancel().catch(() => undefined);
  }
  if (failure !== undefined) throw failure;
}
