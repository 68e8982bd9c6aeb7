/**
 * Environment mode of discovery (issue 18): a scan target that is a virtualenv (holds
 * `pyvenv.cfg`) or a `site-packages`/`dist-packages` folder (the target itself or directly
 * below it) is read as an installed environment (`deps/installed.ts`) and its files are
 * those of its distributions — every file a distribution's record lists inside the target,
 * the files added to a distribution's folders since install, and the files of the site
 * folders no distribution owns — each tagged with its distribution. The target is the
 * root: record entries outside it are listed in the report, never read. Default excludes
 * (virtualenvs, `site-packages`) do not apply to an explicit target; `--exclude` and
 * `--include` do. Symbolic links are never followed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileKind } from '../../core/file-kinds.js';
import type { FileKind } from '../../core/file.js';
import { readEnvironment, type InstalledEnvironment } from '../../deps/installed.js';
import { packageOf } from './package.js';
import type { DiscoveredFile } from './discovered-file.js';

/** An installed environment met by discovery. */
export interface DiscoveredEnvironment {
  /** Display path of the environment root. */
  path: string;
  environment: InstalledEnvironment;
}

/** A file of an environment, as discovery lists it (with its distribution). */
export type EnvironmentFile = DiscoveredFile;

/** What {@link walkEnvironment} shares with the ordinary walk. */
export interface EnvironmentWalk {
  /** Compiled `--exclude` / `--include` globs (path inside the root, base name). */
  exclude: ((rel: string, base: string) => boolean)[];
  include: ((rel: string, base: string) => boolean)[];
  seen: Set<string>;
  locals: Set<string>;
  display: (abs: string) => string;
  maxFileSize?: number;
}

/** Kinds an environment's files are not analysed as: its metadata is read by the environment audit, not as manifests. */
const METADATA_KINDS: ReadonlySet<FileKind> = new Set(['dist-metadata']);

/**
 * Read the environment at `root`: its files to analyse, each with its distribution, and
 * the entries not analysed (files of kinds krait does not analyse — compiled modules,
 * bytecode, data — are counted in one skipped entry).
 */
export function walkEnvironment(
  root: string,
  found: Pick<InstalledEnvironment, 'kind' | 'siteDirs'>,
  w: EnvironmentWalk,
): { environment: DiscoveredEnvironment; files: EnvironmentFile[]; skipped: { path: string; reason: string }[] } {
  const env = readEnvironment(root, found, w.maxFileSize !== undefined ? { maxFileSize: w.maxFileSize } : {});
  const files: EnvironmentFile[] = [];
  const skipped = env.skipped.map((s) => ({ path: w.display(path.join(root, s.path)), reason: s.reason }));
  let other = 0;
  const add = (rel: string, dist?: { name: string; version: string }) => {
    const abs = path.join(root, rel);
    if (w.seen.has(abs)) return;
    const base = path.posix.basename(rel);
    const kind = fileKind(base) ?? (extensionlessPython(abs, base) ? 'python' : null);
    if (!kind || METADATA_KINDS.has(kind)) {
      other++;
      return;
    }
    if (w.exclude.some((m) => m(rel, base))) {
      skipped.push({ path: w.display(abs), reason: 'excluded by --exclude or configuration' });
      return;
    }
    if (w.include.length && !w.include.some((m) => m(rel, base))) {
      skipped.push({ path: w.display(abs), reason: 'not matched by --include' });
      return;
    }
    w.seen.add(abs);
    const pkg = kind === 'python' || kind === 'setup-py' ? packageOf(path.dirname(abs)) : '';
    const file: EnvironmentFile = { absPath: abs, path: w.display(abs), relPath: rel, root, kind, packageName: pkg };
    if (dist) file.distribution = dist;
    files.push(file);
    if (kind === 'python') w.locals.add((pkg || base.replace(/\.pyw?$/, '')).split('.')[0]);
  };
  for (const d of env.distributions) for (const f of d.files) add(f, { name: d.name, version: d.version });
  for (const f of env.unowned) add(f);
  if (other) skipped.push({ path: `${w.display(root)}/`, reason: `${other} installed files of types krait does not analyse (compiled modules, bytecode, data, metadata)` });
  return { environment: { path: w.display(root), environment: env }, files, skipped };
}

/** A file without an extension whose first line is a Python shebang (console scripts in `bin/`). */
function extensionlessPython(abs: string, base: string): boolean {
  if (base.includes('.')) return false;
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const buf = Buffer.alloc(128);
    const n = readSync(fd, buf, 0, 128, 0);
    return /^#![^\n]*python/.test(buf.subarray(0, n).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
