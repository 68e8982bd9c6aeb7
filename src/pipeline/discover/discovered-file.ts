import type { FileKind } from '../../core/file.js';

/** A file discovery hands to the analyses (walk.ts; environment.ts for installed environments). */
export interface DiscoveredFile {
  absPath: string;
  /** Display path: relative to the current directory when under it, else absolute; `/` separators. */
  path: string;
  /** Path relative to its scan root (`/` separators). */
  relPath: string;
  root: string;
  kind: FileKind;
  /** Dotted package of a Python file ('' when its folder is not a package). */
  packageName: string;
  /** In an installed environment: the distribution whose record lists the file (see environment.ts). */
  distribution?: { name: string; version: string };
}
