/**
 * Files and folders a manifest names — `-r`/`-c` includes, `-e ../x`, `file:` URLs, `path =`
 * sources of Poetry/uv/PDM/PEP 751 locks — are hostile input: a manifest can name
 * `/etc/passwd`, `/proc/self/environ`, `/dev/zero`, a FIFO, `../../outside/creds` or a
 * symbolic link that points out of the project. Only regular files inside the scanned root,
 * within the size limit, are ever opened; everything else gets a reason that the caller
 * turns into a diagnostic naming the include.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Default size limit for an included file (bytes), as the per-file limit of a scan. */
export const DEFAULT_INCLUDE_LIMIT = 5 * 1024 * 1024;

/** True when `p` is `root` or lies below it (both absolute, compared lexically). */
export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The absolute path a local reference names, seen from the folder `fromDir`: a relative or
 * absolute path, `~/x`, or a `file:` URL (`file:///abs`, `file:../rel`). A fragment (`#egg=`)
 * and a query are dropped. `undefined` for remote URLs and for what cannot be a path.
 */
export function localTarget(spec: string, fromDir: string): string | undefined {
  let s = spec.trim().split('#')[0].split('?')[0].trim();
  if (!s) return undefined;
  if (/^file:/i.test(s)) {
    if (/^file:\/\//i.test(s)) {
      try {
        return fileURLToPath(s);
      } catch {
        return undefined;
      }
    }
    s = s.slice(5);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[a-z]:[\\/]/i.test(s)) return undefined;
  if (s === '~' || s.startsWith('~/')) return resolve(homedir(), s.slice(2));
  return resolve(fromDir, s);
}

/**
 * Why `target` may not be followed from inside `root`, or `undefined` when it lies inside
 * (lexically, and after resolving symbolic links when it exists). Never opens `target`.
 */
export function outsideReason(target: string, root: string): string | undefined {
  const realRoot = safeRealpath(root) ?? resolve(root);
  if (!isInside(resolve(root), target) && !isInside(realRoot, target)) return 'outside the scanned project';
  const real = safeRealpath(target);
  if (real !== undefined && !isInside(realRoot, real)) return 'a symbolic link to a place outside the scanned project';
  return undefined;
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** The outcome of {@link readInclude}: the text and real path, or why it was not read. */
export type IncludeRead = { ok: true; real: string; text: string } | { ok: false; reason: string };

/**
 * Read the file `target` (absolute) for a manifest include, only if it is a regular file
 * inside `root` (after resolving symbolic links) of at most `maxBytes` bytes. Devices,
 * FIFOs, sockets and folders are never opened for reading (a FIFO is opened non-blocking
 * only when it replaced a checked file between the check and the open, and then refused).
 * Decoded as UTF-8 (a BOM is kept for the parser to drop).
 */
export function readInclude(target: string, root: string, maxBytes = DEFAULT_INCLUDE_LIMIT): IncludeRead {
  const outside = outsideReason(target, root);
  if (outside) return { ok: false, reason: `not followed: ${outside}` };
  const real = safeRealpath(target);
  if (real === undefined) return { ok: false, reason: 'not found' };
  return readRegularFile(real, maxBytes);
}

/**
 * Read `file` only if it is a regular file (symbolic links followed) of at most `maxBytes`
 * bytes: devices (`/dev/zero`), FIFOs, sockets and folders are refused without being read
 * (the open is non-blocking, so a FIFO swapped in after the check cannot hang the scan).
 * @returns the UTF-8 text and the real path, or a one-line reason
 */
export function readRegularFile(file: string, maxBytes: number): IncludeRead {
  const real = safeRealpath(file);
  if (real === undefined) return { ok: false, reason: 'not found' };
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    return { ok: false, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!st.isFile()) return { ok: false, reason: `not followed: ${st.isDirectory() ? 'a folder' : 'not a regular file (device, FIFO or socket)'}` };
  if (st.size > maxBytes) return { ok: false, reason: `not followed: larger than the size limit (${st.size} bytes > ${maxBytes})` };
  let fd: number | undefined;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { ok: false, reason: 'not followed: not a regular file (device, FIFO or socket)' };
    if (fst.size > maxBytes) return { ok: false, reason: `not followed: larger than the size limit (${fst.size} bytes > ${maxBytes})` };
    const buf = Buffer.alloc(Math.min(fst.size, maxBytes) + 1);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) return { ok: false, reason: `not followed: larger than the size limit (more than ${maxBytes} bytes)` };
    return { ok: true, real, text: buf.subarray(0, n).toString('utf8') };
  } catch (e) {
    return { ok: false, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
