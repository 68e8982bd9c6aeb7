/**
 * Writes only where told (issue 12). Every file krait writes — reports of every format,
 * Markdown folders, baselines, statistics, the advisory cache — goes through here:
 *
 * - a symbolic link where krait is about to write (the file itself, or the folder it is
 *   told to fill) is refused with a one-line Error naming it: in a shared workspace an
 *   attacker can plant `report.json -> ~/.bashrc` before the run;
 * - an existing path that is not a regular file (FIFO, device, socket) is refused too;
 * - the text goes to a fresh temporary file in the same folder, created exclusively
 *   (`wx`, so nothing planted under that name is ever followed) under a random name,
 *   then renamed over the target (rename replaces a name, it never writes through one).
 *
 * Paths the user gave may go through links in their folders (`/tmp` may itself be one);
 * only the last component, which krait creates or replaces, is checked.
 */
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** lstat that answers undefined for a missing path (and rethrows anything else). */
export function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Throw when `p` exists and is a symbolic link: krait never writes or deletes through one. */
export function refuseLink(p: string, what: string): void {
  if (lstatOrUndefined(p)?.isSymbolicLink()) throw new Error(`${what} ${p} is a symbolic link; krait does not write through links`);
}

/**
 * Create `dir` (and missing parents) and check that it is a real folder, not a link to
 * one: an Error naming it otherwise. `what` names it in the message ("output folder").
 */
export function ensureRealDir(dir: string, what: string): void {
  refuseLink(dir, what);
  mkdirSync(dir, { recursive: true });
  const st = lstatOrUndefined(dir);
  if (!st || st.isSymbolicLink()) throw new Error(`${what} ${dir} is a symbolic link; krait does not write through links`);
  if (!st.isDirectory()) throw new Error(`${what} ${dir} is not a folder`);
}

/**
 * Write `data` to `file` safely (see the module comment): parents created, a link or a
 * non-regular file at `file` refused, a random exclusive temporary file renamed over it.
 * `what` names the file in errors ("report file", "baseline").
 * @throws Error (one line) when refused or on I/O errors; nothing is left behind then
 */
export function writeFileSafely(file: string, data: string | Uint8Array, what = 'output file'): void {
  const st = lstatOrUndefined(file);
  if (st?.isSymbolicLink()) throw new Error(`${what} ${file} is a symbolic link; krait does not write through links`);
  if (st && !st.isFile()) throw new Error(`${what} ${file} is not a regular file; krait only replaces regular files`);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file).slice(0, 100)}.krait-${randomBytes(8).toString('hex')}.tmp`);
  writeFileSync(tmp, data, typeof data === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
