/**
 * The result cache (as ruff's): what the per-file pass returns for a file — raw findings,
 * suppressed findings, diagnostics, statistics, egress, routes, imports, taint facts and
 * function summaries, already redacted by the worker — stored on disk and reused when
 * nothing it depends on changed. Never the project pass's results: triage across files,
 * cross-module flows, dependencies, posture, package verdicts and the score are computed
 * afresh on every run from these per-file results.
 *
 * Key: sha256 of the file's bytes, its display path (relative to the scan root, which
 * relative imports and every finding depend on), its kind and package, krait's version and
 * build (a fingerprint of the compiled code and the pinned dependencies, so a rebuilt
 * krait never trusts results of another), and the per-file options the worker would get
 * (analyses, enabled rules after select/ignore/per-path ignores, rule options, triage,
 * `# nosec` handling, the project's modules, taint models, limits).
 *
 * Layout: `<dir>/results/<k0k1>/<key>`, one entry per file: a header line (JSON: format,
 * version, build, key, sha256 and length of the body) then the body (the FileResult as
 * JSON). Entries are written to a fresh temporary file and renamed (atomic: two runs may
 * share the folder); a reader checks the header and the body's checksum, and anything that
 * does not match — truncated, corrupt, another version or build, another key — is ignored
 * and the file analysed again, never trusted. A size cap (default 256 MB) evicts the entries
 * least recently used (a hit refreshes the entry's modification time).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../core/version.js';
import { defaultCacheDir } from '../core/cache-dir.js';
import { writeFileSafely } from '../core/safe-write.js';
import type { FileResult } from '../report/model.js';
import type { AnalyzeOptions, FileTask } from './analyze.js';
import type { CallerOutcome } from './crossmodule.js';

/** Bumped when the entry layout or the meaning of a cached FileResult changes. */
export const RESULT_CACHE_FORMAT = 1;
/** Default size cap of the result cache: 256 MB. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
/** Sub-folder of the cache directory holding the result entries (`krait cache clean` removes it). */
export const RESULTS_DIR = 'results';

/** How a scan uses the result cache (`ScanOptions.cache`). */
export interface ResultCacheOptions {
  /** The cache directory (default: the user's, {@link defaultCacheDir}). Entries go to `<dir>/results/`. */
  dir?: string;
  /** Size cap in bytes (default {@link DEFAULT_CACHE_MAX_BYTES}); the least recently used entries go first. */
  maxBytes?: number;
  /** Told what the cache did: after the per-file pass, and again with the second looks after the cross-module step (tests, KRAIT_TIMINGS). */
  onStats?: (stats: ResultCacheStats) => void;
}

/** What the result cache did during one scan. */
export interface ResultCacheStats {
  /** Files whose results came from the cache (no worker saw them). */
  hits: number;
  /** Files analysed (not in the cache, or an entry that could not be trusted). */
  misses: number;
  /** Entries found but ignored: corrupt, truncated, another version or build. */
  rejected: number;
  /** Entries written. */
  stored: number;
  /** Entries removed by the size cap. */
  evicted: number;
  /** Callers of the cross-module step whose second look came from the cache (see {@link ResultCache.readLook}). */
  lookHits: number;
  /** Callers looked at again (no entry, or one of the files it depends on changed). */
  lookMisses: number;
  /** Second-look entries written. */
  lookStored: number;
}

/** What the main thread learnt of a file before dispatching it: its key and the stat it was read under. */
interface Pending {
  key: string;
  stat: BigIntStats;
}

const TAG_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';

/**
 * The result cache of one scan: {@link partition} before the per-file pass (cached files
 * never reach a worker), {@link storeAll} after it (before the project pass changes any
 * result in place).
 */
export class ResultCache {
  /** `<dir>/results`. */
  readonly resultsDir: string;
  readonly stats: ResultCacheStats = { hits: 0, misses: 0, rejected: 0, stored: 0, evicted: 0, lookHits: 0, lookMisses: 0, lookStored: 0 };
  private readonly maxBytes: number;
  private readonly pending = new Map<FileTask, Pending>();
  private readonly optionMemo = new Map<string, { options: AnalyzeOptions; hash: string }[]>();
  /** Each file's entry key by display path (hits and misses alike), for the second-look entries' dependencies. */
  private readonly fileKeys = new Map<string, string>();
  private readonly build = buildId();
  private writable = true;
  private prepared = false;

  constructor(readonly dir: string, maxBytes = DEFAULT_CACHE_MAX_BYTES) {
    this.resultsDir = path.join(dir, RESULTS_DIR);
    this.maxBytes = maxBytes;
  }

  /**
   * Split the tasks into results read from the cache and tasks to analyse. Each file is
   * read and hashed here; one larger than its size limit, or that cannot be read, goes to
   * the workers (which report it as skipped) and is not cached.
   */
  partition(tasks: readonly FileTask[]): { cached: FileResult[]; pending: FileTask[] } {
    const cached: FileResult[] = [];
    const pending: FileTask[] = [];
    for (const t of tasks) {
      let key: string;
      let stat: BigIntStats;
      try {
        stat = statSync(t.absPath, { bigint: true });
        if (!stat.isFile() || stat.size > BigInt(t.options.maxFileSize)) {
          pending.push(t);
          continue;
        }
        key = this.keyOf(t, readFileSync(t.absPath));
      } catch {
        pending.push(t);
        continue;
      }
      this.fileKeys.set(t.path, key);
      const hit = this.read(key, t.path);
      if (hit) {
        this.stats.hits++;
        cached.push(hit);
      } else {
        this.stats.misses++;
        this.pending.set(t, { key, stat });
        pending.push(t);
      }
    }
    return { cached, pending };
  }

  /**
   * Store the per-file results of the tasks {@link partition} sent to the workers
   * (`results[i]` for `tasks[i]`). A result is kept only when the file did not change while
   * it was analysed (same size, modification time and inode as when it was hashed), was
   * not skipped and ran to the end (no `partial` diagnostic: a time budget depends on the
   * machine). Must run before anything changes the results in place. Never throws: a cache
   * that cannot be written is a slower next run, not an error.
   */
  storeAll(tasks: readonly FileTask[], results: readonly FileResult[]): void {
    for (let i = 0; i < tasks.length && this.writable; i++) {
      const p = this.pending.get(tasks[i]);
      const r = results[i];
      if (!p || !r || r.path !== tasks[i].path || r.skipped || r.diagnostics.some((d) => d.kind === 'partial')) continue;
      if (!sameFile(p.stat, tasks[i].absPath)) continue;
      this.write(p.key, r);
    }
    this.pending.clear();
    if (this.stats.stored) this.evict();
  }

  /**
   * The cached second look at a caller of the cross-module step (pipeline/crossmodule.ts),
   * or undefined. The entry is keyed by the caller's own entry key and `projectKey` (a hash
   * of the project's Python files and packages, which name resolution depends on), and
   * lists every file the outcome depended on with that file's entry key when it was
   * computed: it is used only when all of them are unchanged in this scan.
   */
  readLook(caller: string, projectKey: string): CallerOutcome | undefined {
    const key = this.lookKey(caller, projectKey);
    const body = key && this.readBody(key, `${key}.look`);
    const ok = (x: unknown): x is { caller: string; deps: [string, string][]; outcome: CallerOutcome } => {
      const b = x as { caller?: unknown; deps?: unknown; outcome?: { path?: unknown; remote?: unknown } } | undefined;
      return !!b && b.caller === caller && Array.isArray(b.deps) && !!b.outcome && b.outcome.path === caller && Array.isArray(b.outcome.remote);
    };
    if (body !== undefined && !ok(body)) this.stats.rejected++;
    const hit = ok(body) && body.deps.every((d) => Array.isArray(d) && this.fileKeys.get(d[0]) === d[1]);
    if (hit) this.stats.lookHits++;
    else this.stats.lookMisses++;
    return hit ? body.outcome : undefined;
  }

  /** Store a caller's second look (its `deps` name the files it depended on); not when one of them has no entry key. */
  writeLook(projectKey: string, outcome: CallerOutcome): void {
    const key = this.lookKey(outcome.path, projectKey);
    if (!key || !this.writable) return;
    const deps: [string, string][] = [];
    for (const p of outcome.deps ?? [outcome.path]) {
      const k = this.fileKeys.get(p);
      if (!k) return;
      deps.push([p, k]);
    }
    const stored: CallerOutcome = { ...outcome };
    delete stored.deps;
    if (this.writeBody(key, `${key}.look`, { caller: outcome.path, deps, outcome: stored })) this.stats.lookStored++;
  }

  /** Evict over the size cap after the second-look entries were written. */
  finishLooks(): void {
    if (this.stats.lookStored) this.evict();
  }

  private lookKey(caller: string, projectKey: string): string | undefined {
    const own = this.fileKeys.get(caller);
    return own && createHash('sha256').update(JSON.stringify([RESULT_CACHE_FORMAT, VERSION, this.build, 'second-look', caller, own, projectKey])).digest('hex');
  }

  /** The entry key of a task whose file holds `bytes`. */
  private keyOf(t: FileTask, bytes: Buffer): string {
    const content = createHash('sha256').update(bytes).digest('hex');
    const parts = [RESULT_CACHE_FORMAT, VERSION, this.build, t.path, t.kind, t.packageName, this.optionsHash(t.options), content];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** sha256 of the per-file options, keys sorted (memoised: the tasks of a scan share all but their rules). */
  private optionsHash(options: AnalyzeOptions): string {
    const rules = options.enabledRules.join(',');
    const seen = this.optionMemo.get(rules) ?? [];
    const same = seen.find((s) => sameOptions(s.options, options));
    if (same) return same.hash;
    const hash = createHash('sha256').update(stableJson(options)).digest('hex');
    seen.push({ options, hash });
    this.optionMemo.set(rules, seen);
    return hash;
  }

  private entryPath(key: string): string {
    return path.join(this.resultsDir, key.slice(0, 2), key);
  }

  /** The cached result under `key`, or undefined (missing, or not to be trusted). */
  private read(key: string, displayPath: string): FileResult | undefined {
    const body = this.readBody(key, key);
    if (body === undefined) return undefined;
    const r = body as FileResult;
    if (!r || typeof r !== 'object' || r.path !== displayPath || !Array.isArray(r.findings) || !Array.isArray(r.diagnostics)) {
      this.stats.rejected++;
      return undefined;
    }
    return r;
  }

  /** The parsed body of the entry file `name` under `key`: undefined when missing; rejected (and counted) when not to be trusted. */
  private readBody(key: string, name: string): unknown {
    const file = this.entryPath(name);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return undefined;
    }
    const body = parseEntry(data, key, this.build);
    if (body === undefined) {
      this.stats.rejected++;
      return undefined;
    }
    try {
      // Least recently used goes first when the cache is over its cap.
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // read-only cache: still usable
    }
    return body;
  }

  private write(key: string, r: FileResult): void {
    if (this.writeBody(key, key, r)) this.stats.stored++;
  }

  /** Write an entry (header line, then the body as JSON) atomically; false when the cache cannot be written. */
  private writeBody(key: string, name: string, value: unknown): boolean {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const header = JSON.stringify({ format: RESULT_CACHE_FORMAT, version: VERSION, build: this.build, key, length: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    try {
      if (!this.prepared) prepareDir(this.dir);
      this.prepared = true;
      writeFileSafely(this.entryPath(name), Buffer.concat([Buffer.from(header + '\n', 'utf8'), body]), 'cache entry');
      return true;
    } catch {
      this.writable = false; // read-only or full: stop trying for this run
      return false;
    }
  }

  /** Remove the least recently used entries (and stale temporary files) while the cache is over its cap. */
  private evict(): void {
    const entries = listEntries(this.resultsDir);
    const hourAgo = Date.now() - 3600_000;
    for (const e of entries) if (e.name.endsWith('.tmp') && e.mtimeMs < hourAgo) removeQuietly(e.file);
    let total = entries.reduce((n, e) => n + e.size, 0);
    if (total <= this.maxBytes) return;
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    const target = this.maxBytes * 0.9;
    for (let i = 0; i < entries.length; i++) {
      if (total <= target) break;
      // The most recently used entry stays when it alone fits the cap.
      if (i === entries.length - 1 && total <= this.maxBytes) break;
      const e = entries[i];
      if (removeQuietly(e.file)) this.stats.evicted++;
      total -= e.size;
    }
  }
}

/**
 * The result cache a scan uses: undefined when off (`false` or not given), else one over
 * `dir` (default: the user's cache directory).
 */
export function openResultCache(opt: boolean | ResultCacheOptions | undefined): ResultCache | undefined {
  if (!opt) return undefined;
  const o = opt === true ? {} : opt;
  return new ResultCache(path.resolve(o.dir ?? defaultCacheDir()), o.maxBytes ?? DEFAULT_CACHE_MAX_BYTES);
}

/** Size and number of entries of the result cache in `dir` (`krait cache info`). */
export function resultCacheInfo(dir: string): { dir: string; entries: number; bytes: number } {
  const entries = listEntries(path.join(dir, RESULTS_DIR)).filter((e) => !e.name.endsWith('.tmp'));
  return { dir: path.join(dir, RESULTS_DIR), entries: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
}

/** Remove the result cache in `dir` (`krait cache clean`); the advisory database stays. Returns what was removed. */
export function cleanResultCache(dir: string): { entries: number; bytes: number } {
  const info = resultCacheInfo(dir);
  rmSync(path.join(dir, RESULTS_DIR), { recursive: true, force: true });
  return { entries: info.entries, bytes: info.bytes };
}

/** The body of an entry's bytes, parsed, or undefined when anything does not match. */
function parseEntry(data: Buffer, key: string, build: string): unknown {
  const nl = data.indexOf(0x0a);
  if (nl < 0) return undefined;
  try {
    const h = JSON.parse(data.subarray(0, nl).toString('utf8')) as Record<string, unknown>;
    if (h['format'] !== RESULT_CACHE_FORMAT || h['version'] !== VERSION || h['build'] !== build || h['key'] !== key) return undefined;
    const body = data.subarray(nl + 1);
    if (h['length'] !== body.length || h['sha256'] !== createHash('sha256').update(body).digest('hex')) return undefined;
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the file is still the one hashed before the per-file pass (size, modification time in ns, inode). */
function sameFile(before: BigIntStats, file: string): boolean {
  try {
    const now = statSync(file, { bigint: true });
    return now.size === before.size && now.mtimeNs === before.mtimeNs && now.ino === before.ino && now.ctimeNs === before.ctimeNs;
  } catch {
    return false;
  }
}

/** Options equal but for the rules (the memo key): the same values or the same shared objects. */
function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'enabledRules') continue;
    if ((a as unknown as Record<string, unknown>)[k] !== (b as unknown as Record<string, unknown>)[k]) return false;
  }
  return true;
}

/** JSON with the keys of every object sorted: equal options give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/** Create the cache folder with a CACHEDIR.TAG (backup tools and krait's own discovery skip it) and a `.gitignore` of `*`. */
function prepareDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const tag = path.join(dir, 'CACHEDIR.TAG');
  if (!existsSync(tag)) writeFileSync(tag, `${TAG_SIGNATURE}\n# This file is a cache directory tag created by krait.\n# For information about cache directory tags see https://bford.info/cachedir/\n`);
  const ignore = path.join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Created by krait: the result cache.\n*\n');
}

interface EntryFile {
  file: string;
  name: string;
  size: number;
  mtimeMs: number;
}

/** Every file under `<results>/<xx>/`. */
function listEntries(resultsDir: string): EntryFile[] {
  const out: EntryFile[] = [];
  let subs: string[];
  try {
    subs = readdirSync(resultsDir);
  } catch {
    return out;
  }
  for (const s of subs) {
    const sub = path.join(resultsDir, s);
    let names: string[];
    try {
      names = readdirSync(sub);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(sub, name);
      try {
        const st = statSync(file);
        if (st.isFile()) out.push({ file, name, size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // removed meanwhile by another run
      }
    }
  }
  return out;
}

function removeQuietly(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

let cachedBuildId: string | undefined;

/**
 * A fingerprint of the code that computes the results: `build-id.txt` beside the compiled
 * modules (written by `npm run build`) when it is not older than this module (a compile
 * without the script leaves it stale), else computed from the modules' files (running from
 * sources, or a stale id).
 */
export function buildId(): string {
  if (cachedBuildId) return cachedBuildId;
  const codeDir = fileURLToPath(new URL('..', import.meta.url));
  const idFile = path.join(codeDir, 'build-id.txt');
  try {
    if (statSync(idFile).mtimeMs >= statSync(fileURLToPath(import.meta.url)).mtimeMs) cachedBuildId = readFileSync(idFile, 'utf8').trim();
  } catch {
    // no id file: compute it
  }
  cachedBuildId ||= computeBuildId(codeDir);
  return cachedBuildId;
}

/** sha256 over the code files (`.js`, `.ts`) under `codeDir` (paths and contents) and krait's package.json. */
export function computeBuildId(codeDir: string): string {
  const h = createHash('sha256');
  try {
    h.update(readFileSync(path.join(codeDir, '..', 'package.json')));
  } catch {
    // no package.json beside: the code alone
  }
  const stack = [codeDir];
  const files: string[] = [];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.(?:js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  }
  files.sort();
  for (const f of files) h.update(path.relative(codeDir, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 32);
}
