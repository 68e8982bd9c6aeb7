/**
 * Discovery: from the paths given on the command line to the list of files to analyse,
 * and the list of files skipped with their reason (nothing is dropped silently).
 *
 * - `.gitignore` files are honoured at every level (the `ignore` package implements git's rules);
 * - default excludes: VCS folders, virtualenvs (any folder holding `pyvenv.cfg`; a folder merely
 *   named `venv` may be a package, like the standard library's), `node_modules`,
 *   `__pycache__`, `site-packages`, build and dist folders (unless they hold `__init__.py`:
 *   then they are packages), tool caches;
 * - `--exclude` / `--include` globs (picomatch) match the path relative to the scan root
 *   and, for patterns without `/`, the base name;
 * - symbolic links are never followed: a link is listed as skipped with where it points;
 * - archives (`.whl`, `.zip`, `.egg`, `.tar.gz`, `.tgz`, `.tar`), given as targets or met in a
 *   folder, are extracted by `discoverWithArchives` into private temporary folders (see
 *   `archive.ts`) and walked as roots; their files are shown as `<archive>!/<entry path>`.
 *   Archives inside archives are not expanded. The synchronous `discover` lists archives as
 *   skipped instead;
 * - `pypi:NAME[==VERSION]` targets are fetched from an index by `discoverWithArchives`
 *   (`index-fetch.ts`, only when allowed) and walked as the archives they download to;
 * - iterative, so deep folder trees cannot overflow the stack.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { compileLinearGlob, linearIgnore } from '../../core/glob.js';
import type { SkippedFile } from '../../core/file.js';
import { fileKind } from '../../core/file-kinds.js';
import { isArchiveName, unsupportedArchiveReason } from './archive-names.js';
import type { ArchiveLimits } from './archive.js';
import { detectEnvironment } from '../../deps/installed.js';
import { walkEnvironment, type DiscoveredEnvironment } from './environment.js';
import { packageOf } from './package.js';
import type { DiscoveredFile } from './discovered-file.js';
import type { IndexOptions, IndexTargets } from './index-fetch.js';
import { INDEX_TARGET_PREFIX } from './index-target.js';
import type { FetchedPackage } from '../../report/model.js';

export type { DiscoveredFile } from './discovered-file.js';

export interface DiscoverOptions {
  exclude: string[];
  include: string[];
  /** Honour .gitignore files (default true). */
  gitignore: boolean;
  /** Apply the default excludes (default true). */
  defaultExcludes: boolean;
  /** Current directory for display paths. */
  cwd: string;
  /** Size limit of an installed environment's metadata and record files (default 5 MB). */
  maxFileSize?: number;
  /** `pypi:NAME[==VERSION]` targets: whether and where to fetch them (`discoverWithArchives` only; see index-fetch.ts). */
  index?: IndexOptions;
  /** Display paths of given absolute target paths (downloaded packages), instead of their own. */
  aliases?: ReadonlyMap<string, string>;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
  /** Absolute scan roots (a file target's root is its folder). */
  roots: string[];
  /** Top-level module and package names defined by the scanned code. */
  localModules: string[];
  /** Targets that do not exist (the CLI reports them as usage errors). */
  missing: string[];
  /** Installed environments given as targets (environment mode, see environment.ts). */
  environments?: DiscoveredEnvironment[];
  /** Archives holding several entries of one name (display path of the archive, entry paths). */
  archiveDuplicates?: { archive: string; entries: string[] }[];
  /** Packages fetched from an index for `pypi:` targets. */
  fetched?: FetchedPackage[];
  /**
   * Remove the temporary folders archives were extracted to. The caller must call it once
   * the files have been read (in a `finally`); safe to call more than once; never throws.
   */
  cleanup: () => void;
}

/** An archive met by the walk, to be extracted. */
interface PendingArchive {
  absPath: string;
  /** Display path of the archive itself. */
  path: string;
}

/** Folder names never descended into by default. */
export const DEFAULT_EXCLUDED_DIRS = new Set([
  '.git', '.hg', '.svn', '.bzr', 'node_modules', '__pycache__', 'site-packages', 'dist-packages',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.eggs', 'build', 'dist', '.idea', '.vscode',
  '.ipynb_checkpoints', '.hypothesis', '.cache', 'htmlcov', '.krait-cache',
]);

/** Output folders that are skipped by name only when they are not Python packages. */
const OUTPUT_DIRS = new Set(['build', 'dist']);

/**
 * Whether a folder is skipped by the default excludes: a name in {@link DEFAULT_EXCLUDED_DIRS}
 * or `*.egg-info`, a virtualenv (holds `pyvenv.cfg`), or a tagged cache folder (`CACHEDIR.TAG`). `build` and `dist` holding an
 * `__init__.py` are packages (pip's `pip/_internal/operations/build`), not build output.
 */
function isDefaultExcludedDir(name: string, abs: string): boolean {
  if (existsSync(path.join(abs, 'pyvenv.cfg'))) return true;
  if (isTaggedCacheDir(abs)) return true;
  if (name.endsWith('.egg-info')) return true;
  if (!DEFAULT_EXCLUDED_DIRS.has(name)) return false;
  return !(OUTPUT_DIRS.has(name) && existsSync(path.join(abs, '__init__.py')));
}

/** A folder tagged as a cache (a `CACHEDIR.TAG` with the signature of https://bford.info/cachedir/): krait's result cache, pytest's, cargo's. */
function isTaggedCacheDir(abs: string): boolean {
  const tag = path.join(abs, 'CACHEDIR.TAG');
  if (!existsSync(tag)) return false;
  try {
    return readFileSync(tag, 'latin1').slice(0, 43) === 'Signature: 8a477f597d28d172789f06886806bc55';
  } catch {
    return false;
  }
}

/**
 * Walk the targets. Never throws for unreadable entries: they are listed as skipped.
 * Archives are not expanded here: they are listed as skipped (`discoverWithArchives` expands them).
 */
export function discover(targets: string[], opts: DiscoverOptions): Discovery {
  return walkTargets(targets, opts).out;
}

/**
 * Walk the targets as `discover` does, and extract every archive met (a target, or a file
 * in a scanned folder) into a private temporary folder walked as a root: display paths are
 * `<archive display path>!/<entry path>`, `relPath` and package names are those inside the
 * archive, and `.gitignore`, default excludes and `--exclude`/`--include` apply inside.
 * Entries not extracted (path traversal, links, nested archives, limits) are listed as
 * skipped with `!/` paths; an archive that cannot be opened is listed as skipped.
 * @param limits archive limits (`maxEntryBytes` should be the scan's per-file size limit)
 * @returns the discovery; its `cleanup()` removes the temporary folders and must be called
 */
export async function discoverWithArchives(targets: string[], opts: DiscoverOptions, limits: Partial<ArchiveLimits> = {}): Promise<Discovery> {
  const pending: PendingArchive[] = [];
  // `pypi:` targets become the archives they download to (nothing fetched without opts.index allowing it).
  // The index client (HTML and JSON page parsers) and the decompressors are loaded only when a scan needs them.
  const fetched: IndexTargets = targets.some((t) => t.toLowerCase().startsWith(INDEX_TARGET_PREFIX))
    ? await (await import('./index-fetch.js')).resolveIndexTargets(targets, opts.cwd, opts.index)
    : { targets, aliases: new Map(), packages: [], cleanup: () => undefined };
  const { out, walk, locals } = walkTargets(fetched.targets, fetched.packages.length ? { ...opts, aliases: fetched.aliases } : opts, pending);
  if (fetched.packages.length) out.fetched = fetched.packages;
  const cleanups: (() => void)[] = [fetched.cleanup];
  out.cleanup = () => {
    for (const c of cleanups.splice(0)) c();
  };
  try {
    for (const a of pending) {
      let x;
      try {
        x = await (await import('./archive.js')).extractArchive(a.absPath, limits);
      } catch (err) {
        const msg = (err as Error).message;
        const name = `${path.basename(a.absPath)}: `;
        out.skipped.push({ path: a.path, reason: `archive cannot be opened: ${msg.startsWith(name) ? msg.slice(name.length) : msg}` });
        continue;
      }
      cleanups.push(() => x.cleanup());
      const prefix = `${a.path}!/`;
      for (const s of x.skipped) out.skipped.push({ path: s.entry ? prefix + s.entry : a.path, reason: s.reason });
      if (x.duplicates.length) (out.archiveDuplicates ??= []).push({ archive: a.path, entries: x.duplicates });
      const dir = x.dir;
      walk(dir, (abs) => prefix + path.relative(dir, abs).split(path.sep).join('/'), (inner) => {
        // Extraction never writes nested archives; should one appear, it is not expanded.
        out.skipped.push({ path: inner.path, reason: 'archive inside an archive (not expanded)' });
      });
    }
  } catch (err) {
    out.cleanup();
    throw err;
  }
  out.localModules = [...locals].sort();
  return out;
}

function walkTargets(targets: string[], opts: DiscoverOptions, pending?: PendingArchive[]) {
  const out: Discovery = { files: [], skipped: [], roots: [], localModules: [], missing: [], cleanup: () => undefined };
  const onArchive = (a: PendingArchive) => {
    if (pending) pending.push(a);
    else out.skipped.push({ path: a.path, reason: 'archive (expanded only by a scan, not by plain discovery)' });
  };
  const seen = new Set<string>();
  const locals = new Set<string>();
  const excludeMatchers = opts.exclude.map((g) => compileGlob(g));
  const includeMatchers = opts.include.map((g) => compileGlob(g));
  const display = (abs: string) => {
    const alias = opts.aliases?.get(abs);
    if (alias !== undefined) return alias;
    const rel = path.relative(opts.cwd, abs);
    return (!rel.startsWith('..') && !path.isAbsolute(rel) ? rel || '.' : abs).split(path.sep).join('/');
  };

  for (const target of targets) {
    const abs = path.resolve(opts.cwd, target);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      out.missing.push(target);
      continue;
    }
    if (st.isSymbolicLink()) {
      // A link given explicitly on the command line is the user's choice: follow it once.
      try {
        st = statSync(abs);
      } catch {
        out.skipped.push({ path: display(abs), reason: 'broken symbolic link' });
        continue;
      }
    }
    if (st.isFile()) {
      const name = path.basename(abs);
      if (isArchiveName(name)) {
        if (!seen.has(abs)) onArchive({ absPath: abs, path: display(abs) });
        seen.add(abs);
        continue;
      }
      const unsupported = unsupportedArchiveReason(name);
      if (unsupported) {
        out.skipped.push({ path: display(abs), reason: unsupported });
        continue;
      }
      const root = path.dirname(abs);
      out.roots.push(root);
      const kind = fileKind(name) ?? 'python';
      if (!seen.has(abs)) {
        seen.add(abs);
        const pkg = kind === 'python' || kind === 'setup-py' ? packageOf(root) : '';
        out.files.push({ absPath: abs, path: display(abs), relPath: name, root, kind, packageName: pkg });
        if (kind === 'python') locals.add((pkg || name.replace(/\.pyw?$/, '')).split('.')[0]);
      }
      continue;
    }
    if (!st.isDirectory()) {
      out.skipped.push({ path: display(abs), reason: 'not a regular file or folder' });
      continue;
    }
    out.roots.push(abs);
    // A virtualenv or a site-packages folder given as a target is audited as an installed
    // environment, distribution by distribution; default excludes do not apply to it.
    const env = detectEnvironment(abs);
    if (env) {
      const e = walkEnvironment(abs, env, { exclude: excludeMatchers, include: includeMatchers, seen, locals, display, ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}) });
      (out.environments ??= []).push(e.environment);
      for (const f of e.files) out.files.push(f);
      for (const sk of e.skipped) out.skipped.push(sk);
    }
    else walkRoot(abs, opts, excludeMatchers, includeMatchers, out, seen, locals, display, onArchive);
  }
  out.localModules = [...locals].sort();
  /** Walk an extracted archive's folder as a root (its own top is no package: its name is a temp name). */
  const walk = (root: string, show: (abs: string) => string, nested: (a: PendingArchive) => void) =>
    walkRoot(root, opts, excludeMatchers, includeMatchers, out, seen, locals, show, nested, '');
  return { out, walk, locals };
}

type Matcher = (rel: string, base: string) => boolean;

function compileGlob(glob: string): Matcher {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
  const m = compileLinearGlob(g);
  const inside = compileLinearGlob(`${g}/**`);
  const hasSlash = g.includes('/');
  return (rel, base) => m(rel) || inside(rel) || (!hasSlash && m(base));
}

interface DirFrame {
  abs: string;
  rel: string;
  /** Ignore rules from .gitignore files of this folder and its ancestors (each with its base). */
  ignores: { base: string; ig: Ignore }[];
  pkg: string;
}

function walkRoot(
  root: string,
  opts: DiscoverOptions,
  exclude: Matcher[],
  include: Matcher[],
  out: Discovery,
  seen: Set<string>,
  locals: Set<string>,
  display: (abs: string) => string,
  onArchive: (a: PendingArchive) => void,
  rootPkg?: string,
): void {
  const stack: DirFrame[] = [{ abs: root, rel: '', ignores: [], pkg: rootPkg ?? (existsSync(path.join(root, '__init__.py')) ? packageOf(root) : '') }];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (err) {
      out.skipped.push({ path: display(dir.abs), reason: `folder cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let ignores = dir.ignores;
    if (opts.gitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const ig = linearIgnore().add(readFileSync(path.join(dir.abs, '.gitignore'), 'utf8'));
        ignores = [...ignores, { base: dir.rel, ig }];
      } catch {
        /* an unreadable .gitignore is ignored */
      }
    }
    const isPkg = entries.some((e) => e.name === '__init__.py');
    const subdirs: DirFrame[] = [];
    for (const e of entries) {
      const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
      const abs = path.join(dir.abs, e.name);
      const isDir = e.isDirectory();
      if (isGitIgnored(ignores, rel, isDir)) {
        if (!isDir) out.skipped.push({ path: display(abs), reason: 'ignored by .gitignore' });
        else out.skipped.push({ path: display(abs) + '/', reason: 'folder ignored by .gitignore' });
        continue;
      }
      if (exclude.some((m) => m(rel, e.name))) {
        out.skipped.push({ path: display(abs) + (isDir ? '/' : ''), reason: 'excluded by --exclude or configuration' });
        continue;
      }
      if (e.isSymbolicLink()) {
        out.skipped.push({ path: display(abs), reason: symlinkReason(abs, root) });
        continue;
      }
      if (isDir) {
        if (opts.defaultExcludes && isDefaultExcludedDir(e.name, abs)) {
          out.skipped.push({ path: display(abs) + '/', reason: 'excluded by default (virtualenv, VCS, cache, build or dependency folder)' });
          continue;
        }
        const childPkg = existsSync(path.join(abs, '__init__.py')) ? (dir.pkg && isPkg ? `${dir.pkg}.${e.name}` : e.name) : '';
        subdirs.push({ abs, rel, ignores, pkg: childPkg });
        continue;
      }
      if (!e.isFile()) {
        out.skipped.push({ path: display(abs), reason: 'not a regular file (device, socket or pipe)' });
        continue;
      }
      if (isArchiveName(e.name)) {
        if (!seen.has(abs)) onArchive({ absPath: abs, path: display(abs) });
        seen.add(abs);
        continue;
      }
      const kind = fileKind(e.name);
      if (!kind) {
        out.skipped.push({ path: display(abs), reason: unsupportedArchiveReason(e.name) ?? 'not a file type krait analyses' });
        continue;
      }
      if (include.length && !include.some((m) => m(rel, e.name))) {
        out.skipped.push({ path: display(abs), reason: 'not matched by --include' });
        continue;
      }
      if (seen.has(abs)) continue;
      seen.add(abs);
      const pkg = kind === 'python' || kind === 'setup-py' ? (isPkg ? dir.pkg : '') : '';
      out.files.push({ absPath: abs, path: display(abs), relPath: rel, root, kind, packageName: pkg });
      if (kind === 'python') locals.add((pkg || e.name.replace(/\.pyw?$/, '')).split('.')[0]);
    }
    // Depth-first, in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

function isGitIgnored(ignores: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  for (const { base, ig } of ignores) {
    const sub = base ? rel.slice(base.length + 1) : rel;
    if (!sub) continue;
    if (ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

function symlinkReason(abs: string, root: string): string {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return 'broken symbolic link (not followed)';
  }
  const rootReal = (() => {
    try {
      return realpathSync(root);
    } catch {
      return root;
    }
  })();
  const inside = real === rootReal || real.startsWith(rootReal + path.sep);
  return inside ? 'symbolic link (not followed; its target inside the scanned folder is scanned directly)' : 'symbolic link pointing outside the scanned folder (not followed)';
}
