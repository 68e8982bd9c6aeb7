/**
 * Which names discovery takes for archives, from the name alone: the formats krait opens
 * and the ones it refuses with a reason. Kept apart from the extraction code (archive.ts)
 * so that a scan with no archive never loads the decompressors (start-up, issue 15).
 */
export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz';

/** The format of an archive, from its name; undefined when krait does not expand it. */
export function archiveFormat(name: string): ArchiveFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.whl') || lower.endsWith('.zip') || lower.endsWith('.egg')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (/\.(tar\.bz2|tbz2?|tb2)$/.test(lower)) return 'tar.bz2';
  if (/\.(tar\.xz|txz)$/.test(lower)) return 'tar.xz';
  if (lower.endsWith('.tar')) return 'tar';
  return undefined;
}

/** True for names krait extracts and scans: `.whl`, `.zip`, `.egg`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz`, `.tar.xz`, `.txz`, `.tar`. */
export function isArchiveName(name: string): boolean {
  return archiveFormat(name) !== undefined;
}

/** The archive names krait opens, for messages. */
export const ARCHIVES_OPENED = '.whl, .zip, .egg, .tar.gz, .tgz, .tar.bz2, .tbz, .tar.xz, .txz, .tar';

const UNSUPPORTED_ARCHIVES: [RegExp, string][] = [
  [/\.(tar\.lzma|tar\.lz|tlz)$/i, 'lzma-compressed tar'],
  [/\.(tar\.zst|tzst)$/i, 'zstd-compressed tar'],
  [/\.tar\.z$/i, 'compress(1)-compressed tar'],
  [/\.7z$/i, '7-Zip archive'],
  [/\.rar$/i, 'RAR archive'],
];

/** True for archives krait cannot open (`.tar.zst`, `.tar.lzma`, `.7z`, …): listed as skipped with a reason. */
export function isUnsupportedArchiveName(name: string): boolean {
  return unsupportedArchiveReason(name) !== undefined;
}

/**
 * The one-line skipped reason (and diagnostic) for an archive krait does not open, naming
 * its format and what to do; undefined for any other name. These formats need decoders
 * (lzma-alone, zstd, compress, 7-Zip, RAR) that krait does not ship: they are refused, never half-read.
 */
export function unsupportedArchiveReason(name: string): string | undefined {
  const hit = UNSUPPORTED_ARCHIVES.find(([re]) => re.test(name));
  return hit ? `archive format krait cannot open: ${hit[1]} (krait opens ${ARCHIVES_OPENED}; extract it and scan the folder)` : undefined;
}
