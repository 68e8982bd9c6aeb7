/**
 * Shards: the map step on many machines, the reduce step once (`krait scan --shard K/N -o
 * FILE`, then `krait merge FILE…`).
 *
 * A shard discovers every file exactly as a scan does, runs the per-file pass only on the
 * files of its slice (a stable hash of the path inside the scan root, mod N) and writes a
 * versioned JSON file: the krait version and build, a fingerprint of the effective
 * configuration and rule selection, K and N, the list of every discovered file (so the
 * merge can check that each was analysed by exactly one shard), the per-file results of its
 * files (as the result cache stores them: already redacted), and what the project pass
 * needs of its files.
 *
 * The merge needs no checkout. Design: the project pass (dependencies, posture, package
 * verdicts) and the cross-module step read files; instead of teaching each of those readers
 * about shards, each shard records the text of the files of its slice that the project pass
 * reads — Python code, manifests and lock files, `.env`, Dockerfiles and compose files —
 * with every secret the secrets analysis finds masked (the characters of the secret after
 * the few that the report's own mask shows are replaced by random characters of the same
 * class, so lengths, quoting, char classes and the reports' masked form stay as they were,
 * and no secret is in clear in a shard). The merge writes these texts into a private
 * temporary tree laid out as the scan roots were, points the discovery at it, and runs the
 * very reduce a scan runs (`reduceScan`); the cross-module step gets the Python texts
 * through `CrossModuleProject.sources` (they are already decoded with PEP 263, which a
 * re-read of the tree would decode again). What the project pass reads outside the
 * discovered files — git's view of `.env` files, the first-party folders of the imports, a
 * coverage report in a root, `.env` files git ignores at a root — each shard records from
 * its checkout (`RecordedProjectFacts`). Serialised function summaries would have spared
 * the texts, but the cross-module step re-runs the data-flow rules over the callers' trees
 * with the callees' summaries: it needs the trees, so the texts are the smaller change.
 *
 * Known differences: a cross-module finding on a line that holds a secret gets a different
 * fingerprint (fingerprints hash the line's text, which the shard holds masked).
 * `--history`, `--diff-base` and installed environments need the checkout: refused with `--shard`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERSION } from '../core/version.js';
import { decodePython, universalNewlines } from '../core/decode.js';
import { LOCK_KINDS, MANIFEST_KINDS } from '../core/file-kinds.js';
import type { FileKind } from '../core/file.js';
import type { FileResult, Report } from '../report/model.js';
import { scanLines } from '../secrets/scan.js';
import { envGitStatus, isEnvName, type EnvGitStatus } from '../posture/index.js';
import { firstPartyFolders } from '../deps/index.js';
import { testingSummary } from '../metrics/quality.js';
import { buildId, stableJson } from './cache.js';
import type { ResolvedConfig } from './config.js';
import type { Discovery } from './discover/walk.js';
import type { DiscoveredFile } from './discover/discovered-file.js';
import { holdTempDirCleanup } from './discover/temp-dirs.js';
import { capJobs, collectImports, mapFiles, prepareScan, reduceScan, UsageError, type PreparedScan, type ScanOptions } from './scan.js';
import { openPool } from './pool.js';

/** The `format` of a shard file. */
export const SHARD_FORMAT = 'krait-shard';
/** Bumped when the layout or meaning of a shard file changes. */
export const SHARD_FORMAT_VERSION = 1;

/** Shard K (1-based) of N. */
export interface ShardSpec {
  k: number;
  n: number;
}

/** A discovered file as a shard lists it (no absolute path: the merge has no checkout). */
interface ShardFileEntry {
  path: string;
  relPath: string;
  /** Index of its root in `discovery.roots`. */
  root: number;
  kind: FileKind;
  packageName: string;
}

/** The text of a file the project pass reads, secrets masked; `size` alone for a file over the size limit. */
interface RecordedText {
  text?: string;
  size?: number;
}

/** The scan options that shape the results (the same for every shard; in the fingerprint). */
type ShardScanOptions = Pick<ScanOptions, 'targets' | 'analyses' | 'select' | 'ignore' | 'exclude' | 'include' | 'gitignore' | 'severity' | 'confidence' | 'ignoreNosec' | 'maxFileSize' | 'fileTimeBudgetMs' | 'triage' | 'online'>;

/** A shard file (JSON). */
export interface ShardFile {
  format: typeof SHARD_FORMAT;
  formatVersion: number;
  krait: { version: string; build: string };
  /** sha256 of the effective configuration and rule selection. */
  fingerprint: string;
  shard: ShardSpec;
  scan: ShardScanOptions;
  /** The configuration as loaded (Maps as `{ $map: entries }`). */
  config: unknown;
  discovery: {
    /** Absolute roots (for the record; the merge lays its tree out by index): the scan roots, then the roots of archives' files. */
    roots: string[];
    /** How many of `roots` are the scan's roots. */
    scanRoots: number;
    files: ShardFileEntry[];
    skipped: Discovery['skipped'];
    localModules: string[];
    archiveDuplicates?: Discovery['archiveDuplicates'];
    fetched?: Discovery['fetched'];
    globWarnings: string[];
  };
  /** The per-file results of this shard's files (before the project pass). */
  results: FileResult[];
  /** Text of this shard's files the project pass reads, by display path. */
  texts: Record<string, RecordedText>;
  /** `.env` files at a root that discovery left out (git ignores them), with their text. */
  extraEnv: { root: number; name: string; text: RecordedText }[];
  /** Git's view of `.env` files (this shard's and the extra ones), by display path. */
  envGit: Record<string, EnvGitStatus>;
  /** First-party top-level names among this shard's files' imports. */
  firstParty: string[];
  coverage?: { percent: number; file: string };
}

/**
 * Parse `K/N` (1 ≤ K ≤ N).
 * @throws UsageError for anything else
 */
export function parseShardSpec(s: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) throw new UsageError(`--shard must be K/N with 1 <= K <= N (e.g. 2/3), got "${s}"`);
  return { k, n };
}

/** The shard (1-based, of `n`) a file belongs to: a stable hash of its path inside the scan root. */
export function shardOf(relPath: string, n: number): number {
  const h = createHash('sha256').update(relPath).digest();
  return (h.readUInt32BE(0) % n) + 1;
}

/** Kinds whose text the project pass or the cross-module step reads. */
function recordedKind(kind: FileKind): boolean {
  return kind === 'python' || kind === 'setup-py' || kind === 'env' || kind === 'dockerfile' || kind === 'compose' || MANIFEST_KINDS.has(kind) || LOCK_KINDS.has(kind);
}

/**
 * `text` with every secret the secrets analysis finds (placeholders aside) masked: past the
 * characters {@link maskSecret} shows, letters and digits become random ones of the same
 * class; other characters (quotes, separators) stay, so the text parses as before.
 */
export function maskSecretsInText(text: string, kind: FileKind): string {
  const starts = [0];
  const nl = /\r\n|\r|\n/g;
  for (let m = nl.exec(text); m; m = nl.exec(text)) starts.push(m.index + m[0].length);
  const lines = text.split(/\r\n|\r|\n/);
  let candidates: ReturnType<typeof scanLines>;
  try {
    candidates = scanLines(lines, kind);
  } catch {
    candidates = [];
  }
  if (!candidates.length) return text;
  const chars = text.split('');
  const rnd = randomBytes(4096);
  let r = 0;
  const pick = (alphabet: string) => alphabet[rnd[r++ % rnd.length] % alphabet.length];
  for (const c of candidates) {
    if (c.placeholder) continue;
    let keep = c.secret.length >= 16 ? 4 : c.secret.length >= 8 ? 2 : 0;
    for (const s of c.spans) {
      const base = starts[s.line - 1];
      if (base === undefined) continue;
      for (let i = base + s.start; i < base + s.end && i < chars.length; i++) {
        if (keep > 0) {
          keep--;
          continue;
        }
        const ch = chars[i];
        if (ch >= 'a' && ch <= 'z') chars[i] = pick('abcdefghijklmnopqrstuvwxyz');
        else if (ch >= 'A' && ch <= 'Z') chars[i] = pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
        else if (ch >= '0' && ch <= '9') chars[i] = pick('0123456789');
      }
    }
  }
  return chars.join('');
}

/** A file's text as a shard records it: Python decoded as the cross-module step reads it; secrets masked. */
function recordText(absPath: string, kind: FileKind, maxFileSize: number): RecordedText | undefined {
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return undefined;
    if (st.size > maxFileSize) return { size: st.size };
    const bytes = readFileSync(absPath);
    const text = kind === 'python' || kind === 'setup-py' ? universalNewlines(decodePython(bytes).text) : bytes.toString('utf8');
    return { text: maskSecretsInText(text, kind) };
  } catch {
    return undefined; // unreadable: the merge reports it as the project pass would
  }
}

/** The Maps of a configuration as `{ $map: entries }` (JSON has no Map). */
function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? { $map: [...(v as Map<unknown, unknown>)] } : v))) as unknown;
}

function fromJsonValue<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { $map?: unknown }).$map) ? new Map((v as { $map: [unknown, unknown][] }).$map) : v)) as T;
}

function scanOptionsOf(o: ScanOptions): ShardScanOptions {
  const keys = ['targets', 'analyses', 'select', 'ignore', 'exclude', 'include', 'gitignore', 'severity', 'confidence', 'ignoreNosec', 'maxFileSize', 'fileTimeBudgetMs', 'triage', 'online'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as ShardScanOptions;
}

/** The fingerprint of what shapes a shard's results: configuration, scan options, rules and per-file options (as the result cache keys them). */
function fingerprintOf(scanOpts: ShardScanOptions, config: unknown, prep: PreparedScan): string {
  return createHash('sha256').update(stableJson({ scan: { ...scanOpts, targets: undefined }, config, enabled: prep.enabled, base: prep.baseOptions })).digest('hex');
}

/**
 * The map step of shard `spec`: discovery as a scan's, the per-file pass on this shard's
 * files only, and what the merge needs of them.
 * @throws UsageError for options a shard cannot honour (`history`, `diffBase`, installed environments) and as `scan` does
 */
export async function scanShard(options: ScanOptions, spec: ShardSpec): Promise<ShardFile> {
  if (options.history) throw new UsageError('--history cannot be used with --shard (it reads the git history at merge time); run it in a separate job');
  if (options.diffBase) throw new UsageError('--diff-base cannot be used with --shard');
  if (options.baseline) throw new UsageError('--baseline applies at merge: give it to krait merge');
  const cleanups: (() => void)[] = [];
  const release = holdTempDirCleanup();
  try {
    let config: unknown;
    const prep = await prepareScan(options, cleanups, undefined, (c) => (config = toJsonValue(c)));
    const { disc } = prep;
    if (prep.envScan) throw new UsageError('installed environments cannot be sharded; scan them in one job');
    const roots = rootsOf(disc);
    const rootIndex = new Map(roots.map((r, i) => [r, i]));
    const mine = disc.files.filter((f) => shardOf(f.relPath, spec.n) === spec.k);
    const minePaths = new Set(mine.map((f) => f.path));
    const { results, pool } = await mapFiles(
      prep.tasks.filter((t) => minePaths.has(t.path)),
      options,
      capJobs(options.jobs).jobs,
      () => {},
    );
    await pool.close();
    const maxFileSize = prep.baseOptions.maxFileSize;
    const texts: Record<string, RecordedText> = {};
    const envGit: Record<string, EnvGitStatus> = {};
    const absRoots = disc.roots.map((r) => path.resolve(r));
    for (const f of mine) {
      if (!recordedKind(f.kind)) continue;
      const t = recordText(f.absPath, f.kind, maxFileSize);
      if (t) texts[f.path] = t;
      if (f.kind === 'env') envGit[f.path] = envGitStatus(path.resolve(f.absPath), absRoots);
    }
    const extraEnv = extraEnvFiles(disc, absRoots, maxFileSize, envGit);
    const scanOpts = scanOptionsOf(options);
    const coverage = prep.analyses.has('metrics') ? testingSummary([], disc.roots).coverage : undefined;
    return {
      format: SHARD_FORMAT,
      formatVersion: SHARD_FORMAT_VERSION,
      krait: { version: VERSION, build: buildId() },
      fingerprint: fingerprintOf(scanOpts, config, prep),
      shard: spec,
      scan: scanOpts,
      config,
      discovery: {
        roots,
        scanRoots: disc.roots.length,
        files: disc.files.map((f) => ({ path: f.path, relPath: f.relPath, root: rootIndex.get(f.root) ?? 0, kind: f.kind, packageName: f.packageName })),
        skipped: disc.skipped,
        localModules: disc.localModules,
        ...(disc.archiveDuplicates ? { archiveDuplicates: disc.archiveDuplicates } : {}),
        ...(disc.fetched ? { fetched: disc.fetched } : {}),
        globWarnings: prep.discoveryGlobWarnings,
      },
      results,
      texts,
      extraEnv,
      envGit,
      firstParty: firstPartyFolders({ imports: collectImports(results.filter((r) => !r.skipped)), localModules: disc.localModules, roots: disc.roots }),
      ...(coverage ? { coverage } : {}),
    };
  } finally {
    for (const c of cleanups) c();
    release();
  }
}

/** The roots of a discovery and of its files (archives are extracted to roots of their own), each once. */
function rootsOf(disc: Discovery): string[] {
  return [...new Set([...disc.roots, ...disc.files.map((f) => f.root)])];
}

/** `.env` files directly in a root that discovery left out (the posture checks look for them), recorded with git's view of them. */
function extraEnvFiles(disc: Discovery, absRoots: string[], maxFileSize: number, envGit: Record<string, EnvGitStatus>): ShardFile['extraEnv'] {
  const out: ShardFile['extraEnv'] = [];
  const known = new Set(disc.files.map((f) => path.resolve(f.absPath)));
  disc.roots.forEach((root, i) => {
    let names: string[] = [];
    try {
      names = readdirSync(root);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const abs = path.join(absRoots[i], name);
      if (!isEnvName(name) || known.has(abs)) continue;
      const text = recordText(abs, 'env', maxFileSize);
      if (!text) continue;
      out.push({ root: i, name, text });
      envGit[path.relative(absRoots[i], abs).split(path.sep).join('/')] = envGitStatus(abs, absRoots);
    }
  });
  return out;
}

/** How `krait merge` runs. */
export interface MergeOptions {
  /** Baseline file: report only findings whose fingerprint is not in it. */
  baseline?: string;
  /** Worker threads for the cross-module step (default: the cores available). */
  jobs?: number;
}

/**
 * Read and check shard files: every one a shard of this krait version and build, of the
 * same configuration and the same N and discovery, each K from 1 to N exactly once.
 * @throws UsageError (one line) naming what does not fit
 */
export function readShards(files: readonly string[]): ShardFile[] {
  if (!files.length) throw new UsageError('give the shard files to merge');
  const shards = files.map((file) => {
    let s: ShardFile;
    try {
      s = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    } catch (err) {
      throw new UsageError(`${file} is not a krait shard file (${(err as Error).message.split('\n')[0].slice(0, 120)})`);
    }
    if (!s || typeof s !== 'object' || s.format !== SHARD_FORMAT || !s.shard || !Array.isArray(s.results) || !s.discovery || !Array.isArray(s.discovery.files)) {
      throw new UsageError(`${file} is not a krait shard file`);
    }
    if (s.formatVersion !== SHARD_FORMAT_VERSION) throw new UsageError(`${file} is a shard of format ${String(s.formatVersion)}; this krait reads format ${SHARD_FORMAT_VERSION}`);
    if (s.krait?.version !== VERSION || s.krait?.build !== buildId()) {
      throw new UsageError(`${file} was written by krait ${String(s.krait?.version)} (build ${String(s.krait?.build).slice(0, 12)}); this is krait ${VERSION} (build ${buildId().slice(0, 12)}): write every shard and merge with one krait`);
    }
    return { file, s };
  });
  const first = shards[0];
  const n = first.s.shard.n;
  const discoveryKey = (s: ShardFile) => createHash('sha256').update(JSON.stringify(s.discovery.files)).digest('hex');
  const seen = new Map<number, string>();
  for (const { file, s } of shards) {
    if (s.fingerprint !== first.s.fingerprint) throw new UsageError(`${file} was written with another configuration or rule selection than ${first.file}`);
    if (s.shard.n !== n) throw new UsageError(`${file} is shard ${s.shard.k}/${s.shard.n} but ${first.file} is shard ${first.s.shard.k}/${n}: every shard must have the same N`);
    if (!Number.isInteger(s.shard.k) || s.shard.k < 1 || s.shard.k > n) throw new UsageError(`${file} has an invalid shard number ${String(s.shard.k)}/${n}`);
    const dup = seen.get(s.shard.k);
    if (dup) throw new UsageError(`shard ${s.shard.k}/${n} given twice (${dup} and ${file})`);
    seen.set(s.shard.k, file);
    if (discoveryKey(s) !== discoveryKey(first.s)) throw new UsageError(`${file} and ${first.file} discovered different files: write every shard from the same checkout`);
  }
  const missing = [];
  for (let k = 1; k <= n; k++) if (!seen.has(k)) missing.push(`${k}/${n}`);
  if (missing.length) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: give all ${n} shards`);
  return shards.map((x) => x.s).sort((a, b) => a.shard.k - b.shard.k);
}

/**
 * The reduce step over shard files: checks them ({@link readShards}), rebuilds the files the
 * project pass reads in a private temporary tree, and runs the scan's own reduce. The report
 * is the one an unsharded scan of the same checkout gives.
 * @throws UsageError when the shards do not fit together or miss results of their files
 */
export async function mergeShards(files: readonly string[], options: MergeOptions = {}): Promise<Report> {
  const started = Date.now();
  const shards = readShards(files);
  const first = shards[0];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'krait-merge-'));
  const release = holdTempDirCleanup();
  try {
    const { disc, sources } = rebuildTree(shards, tmp);
    const scanOpts: ScanOptions = { ...first.scan, ...(options.baseline ? { baseline: options.baseline } : {}) };
    const prep = await prepareScan(scanOpts, [], { config: fromJsonValue<ResolvedConfig>(first.config), disc, globWarnings: first.discovery.globWarnings });
    prep.recorded = {
      envGitStatus: new Map(shards.flatMap((s) => Object.entries(s.envGit))),
      firstParty: [...new Set(shards.flatMap((s) => s.firstParty))],
      ...(first.coverage ? { coverage: first.coverage } : {}),
    };
    const results = resultsOf(shards, prep);
    const pool = openPool(capJobs(options.jobs).jobs, prep.tasks.length);
    return await reduceScan(prep, results, {
      started,
      stage: () => {},
      crossModule: (p, c) => pool.crossModule({ ...p, sources }, c),
      release: () => pool.close(),
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    release();
  }
}

/**
 * Every shard's per-file results, sorted by path, after checking that each file the scan
 * analyses has exactly one result, from the shard its path hashes to.
 * @throws UsageError naming a file without a result, or with two
 */
function resultsOf(shards: readonly ShardFile[], prep: PreparedScan): FileResult[] {
  const n = shards[0].shard.n;
  const rel = new Map(prep.disc.files.map((f) => [f.path, f.relPath]));
  const byPath = new Map<string, FileResult>();
  for (const s of shards) {
    for (const r of s.results) {
      const relPath = rel.get(r.path);
      if (relPath === undefined || shardOf(relPath, n) !== s.shard.k) throw new UsageError(`shard ${s.shard.k}/${n} holds a result for ${r.path}, which is not one of its files`);
      if (byPath.has(r.path)) throw new UsageError(`shard ${s.shard.k}/${n} holds ${r.path} twice`);
      byPath.set(r.path, r);
    }
  }
  const lacking = prep.tasks.filter((t) => !byPath.has(t.path));
  if (lacking.length) {
    const t = lacking[0];
    throw new UsageError(`shard ${shardOf(rel.get(t.path) ?? t.path, n)}/${n} lacks the results of ${lacking.length} file${lacking.length > 1 ? 's' : ''} (${t.path}${lacking.length > 1 ? ', …' : ''}): it is incomplete; write it again`);
  }
  const results = [...byPath.values()];
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return results;
}

/** Write the recorded texts under `tmp` (root i at `tmp/i`), and the discovery over that tree; the Python texts for the cross-module step. */
function rebuildTree(shards: readonly ShardFile[], tmp: string): { disc: Discovery; sources: Map<string, string> } {
  const d = shards[0].discovery;
  const rootDirs = d.roots.map((_r, i) => path.join(tmp, String(i)));
  for (const r of rootDirs) mkdirSync(r, { recursive: true });
  const write = (root: number, relPath: string, t: RecordedText) => {
    const abs = path.join(rootDirs[root] ?? tmp, ...relPath.split('/').filter((p) => p && p !== '..'));
    if (!abs.startsWith(tmp + path.sep)) return;
    mkdirSync(path.dirname(abs), { recursive: true });
    if (t.text !== undefined) writeFileSync(abs, t.text);
    else if (t.size !== undefined) {
      // Over the size limit: a sparse file of that size, so the project pass skips it as it did.
      const fd = openSync(abs, 'w');
      try {
        ftruncateSync(fd, t.size);
      } finally {
        closeSync(fd);
      }
    }
  };
  const sources = new Map<string, string>();
  const entries = new Map(d.files.map((f) => [f.path, f]));
  for (const s of shards) {
    for (const [p, t] of Object.entries(s.texts)) {
      const f = entries.get(p);
      if (!f) continue;
      write(f.root, f.relPath, t);
      if ((f.kind === 'python' || f.kind === 'setup-py') && t.text !== undefined) sources.set(p, t.text);
    }
  }
  for (const e of shards[0].extraEnv) write(e.root, e.name, e.text);
  const files: DiscoveredFile[] = d.files.map((f) => {
    const root = rootDirs[f.root] ?? tmp;
    return { absPath: path.join(root, ...f.relPath.split('/')), path: f.path, relPath: f.relPath, root, kind: f.kind, packageName: f.packageName };
  });
  const disc: Discovery = {
    files,
    skipped: d.skipped,
    roots: rootDirs.slice(0, d.scanRoots),
    localModules: d.localModules,
    missing: [],
    ...(d.archiveDuplicates ? { archiveDuplicates: d.archiveDuplicates } : {}),
    ...(d.fetched ? { fetched: d.fetched } : {}),
    cleanup: () => {},
  };
  return { disc, sources };
}
