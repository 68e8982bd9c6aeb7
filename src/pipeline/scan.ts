/**
 * One scan, end to end: discover → per-file work on the worker pool → project pass
 * (dependencies, posture, statistics and egress summaries) → suppression by allowlist and
 * baseline, thresholds → score → Report.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileLinearGlob } from '../core/glob.js';
import { archiveDuplicateEntry } from '../rules/misc/kr147-archive-duplicate-entry.js';
import { createHash } from 'node:crypto';
import { compareFindings, confidenceRank, severityRank, type Confidence, type Finding, type Severity } from '../core/finding.js';
import { REPORT_SCHEMA_VERSION, type FileResult, type Report } from '../report/model.js';
import { type FileDiagnostic } from '../core/file.js';
import { discoverWithArchives, type Discovery } from './discover/walk.js';
import { holdTempDirCleanup } from './discover/temp-dirs.js';
import { LOCK_KINDS, MANIFEST_KINDS } from '../core/file-kinds.js';
import { emptyConfig, loadConfig, type ResolvedConfig } from './config.js';
import { CODE_RULES } from '../rules/index.js';
import type { Analysis, AnalyzeOptions, FileTask } from './analyze.js';
import { defaultJobs, openPool } from './pool.js';
import { openResultCache, type ResultCache, type ResultCacheOptions, type ResultCacheStats } from './cache.js';
import { analyzeDependencies } from './deps.js';
import { scanHistory } from './history.js';
import { packageVerdicts } from '../rules/malicious/verdict.js';
import { aggregateProject, type RecordedProjectFacts } from './project.js';
import { computeScore } from '../report/score.js';
import { fitFixesToProject } from './fit-fixes.js';
import { loadBaseline } from '../report/baseline.js';
import { VERSION } from '../core/version.js';
import { redactSnippets } from '../core/redact.js';
import { crossModuleFlows, type CallerOutcome, type CrossModuleProject } from './crossmodule.js';
import { settleConstantCallers } from './constant-callers.js';
import { EnvironmentScan } from './environment.js';
import { TRIAGE_RULES } from '../taint/triage.js';
import { markRedacted, redactDeep, redactText } from '../secrets/redact-text.js';
import { assignProjectFingerprints } from '../core/fingerprint.js';
import { changedLines, type ChangedLines } from './diff.js';
import { tokenMatches, unknownRuleMessage, unknownRuleTokens } from './rule-selection.js';

import { ALL_ANALYSES, FILE_ANALYSES, type ScanAnalysis } from './analyses.js';

export { ALL_ANALYSES, type ScanAnalysis } from './analyses.js';

export interface ScanOptions {
  /** Files and folders to audit. */
  targets: string[];
  /** Base for relative targets and display paths (default: process.cwd()). */
  cwd?: string;
  /** Analyses to run (default: all). */
  analyses?: ScanAnalysis[];
  /** Rule ids, id prefixes (`B6`, `KR1`) or names to run; empty = all. */
  select?: string[];
  /** Rule ids, id prefixes or names to leave out. */
  ignore?: string[];
  /** Globs of paths to skip. */
  exclude?: string[];
  /** When given, only paths matching one of these globs are analysed. */
  include?: string[];
  /** Honour .gitignore (default true). */
  gitignore?: boolean;
  /** Report only findings at or above this severity (default: info, everything). */
  severity?: Severity;
  /** Report only findings at or above this confidence (default: low, everything). */
  confidence?: Confidence;
  /** Report findings silenced by `# nosec` / `# noqa` too. */
  ignoreNosec?: boolean;
  /** Per-file size limit in bytes (default 5 MB). */
  maxFileSize?: number;
  /**
   * Wall-clock milliseconds one file's analysis may take (default 180,000); past it the file
   * is listed with a `partial` diagnostic naming what was left out, and the scan goes on.
   */
  fileTimeBudgetMs?: number;
  /** Worker threads (default: the cores available; a larger number is capped at the cores available, with a diagnostic). */
  jobs?: number;
  /** Configuration file; `false` to read none; default: discovered from the first target. */
  config?: string | false;
  /** Baseline file: report only findings whose fingerprint is not in it. */
  baseline?: string;
  /** Allow network look-ups (OSV API), and fetching `pypi:NAME[==VERSION]` targets from the default index. */
  online?: boolean;
  /** Simple index (PEP 503/691) for `pypi:` targets; giving one allows fetching from it (discover/index-fetch.ts). */
  indexUrl?: string;
  /** Also audit the git history of each target's repository for secrets (see pipeline/history.ts). */
  history?: { since?: string; allRefs?: boolean };
  /**
   * The reasoning layer (default true): pattern findings judged safe (`constant`,
   * `sanitised`, `safe-configuration`) are dismissed into `report.dismissed`; data-flow
   * findings merge into the pattern finding at the same place. `false`: bandit's view.
   */
  triage?: boolean;
  /** Report only findings on lines changed since this git revision (`--diff-base`). */
  diffBase?: string;
  /**
   * The per-file result cache (pipeline/cache.ts): `true` for the user's cache directory,
   * or where and how large. Default off for the library (the CLI turns it on).
   */
  cache?: boolean | ResultCacheOptions;
  /** Progress callback: files done, files total. */
  onProgress?: (done: number, total: number) => void;
}

/** A usage problem (bad path, bad config): the CLI exits 2 with this message. */
export class UsageError extends Error {}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/**
 * Run a scan.
 * @throws UsageError when no target exists or the configuration is invalid
 */
export async function scan(options: ScanOptions): Promise<Report> {
  // Archives are extracted to temporary folders during discovery; they go whatever happens.
  const cleanups: (() => void)[] = [];
  // …and on SIGINT/SIGTERM, before the process ends (discover/temp-dirs.ts).
  const release = holdTempDirCleanup();
  try {
    return await runScan(options, cleanups);
  } finally {
    for (const c of cleanups) c();
    release();
  }
}

async function runScan(options: ScanOptions, cleanups: (() => void)[]): Promise<Report> {
  const started = Date.now();
  const stage = stageTimer();
  const prep = await prepareScan(options, cleanups);
  const { jobs, note: jobsNote } = capJobs(options.jobs);
  stage(`discovery (${prep.disc.files.length} files)`);
  const { results, pool, cache } = await mapFiles(prep.tasks, options, jobs, stage);
  return reduceScan(prep, results, {
    started,
    stage,
    ...(jobsNote ? { jobsNote } : {}),
    crossModule: (p, c) => pool.crossModule(p, c),
    release: () => pool.close(),
    ...(cache ? { cache, onCacheStats: typeof options.cache === 'object' ? options.cache.onStats : undefined } : {}),
  });
}

/**
 * Everything a scan decides before the per-file pass, from the options, the configuration
 * and the discovery: shared by the scan, the map step of a shard and the merge of shards
 * (which passes the configuration and the discovery its shards recorded).
 */
export interface PreparedScan {
  options: ScanOptions;
  cwd: string;
  analyses: Set<ScanAnalysis>;
  config: ResolvedConfig;
  /** Globs that could not be compiled (one message each). */
  globWarnings: string[];
  /** The part of {@link globWarnings} discovery gave (a shard records it for the merge). */
  discoveryGlobWarnings: string[];
  disc: Discovery;
  envScan: EnvironmentScan | undefined;
  selectTokens: string[];
  ignoreTokens: string[];
  /** The enabled code rules. */
  enabled: string[];
  perPath: PerPathIgnore[];
  baseOptions: Omit<AnalyzeOptions, 'enabledRules'>;
  /** One per file the per-file pass analyses, in discovery order. */
  tasks: FileTask[];
  /** What the project pass reads outside the files, when a merge of shards has no checkout (pipeline/shard.ts). */
  recorded?: RecordedProjectFacts;
}

/**
 * Load the configuration and discover the files (or take the ones given: a merge has no
 * checkout), check the rule tokens and build the per-file tasks.
 * @throws UsageError for a missing target, a bad glob, an unknown rule or invalid configuration
 */
export async function prepareScan(
  options: ScanOptions,
  cleanups: (() => void)[],
  given?: { config: ResolvedConfig; disc: Discovery; globWarnings: string[] },
  onConfig?: (config: ResolvedConfig) => void,
): Promise<PreparedScan> {
  const cwd = options.cwd ?? process.cwd();
  const analyses = new Set<ScanAnalysis>(options.analyses ?? ALL_ANALYSES);
  const config = given ? given.config : loadScanConfig(options, cwd);
  // Before the rule tokens are checked (which narrows the configuration in place).
  onConfig?.(config);
  const globs = new GlobCheck();
  const disc = given ? given.disc : await discoverTargets(options, config, cwd, globs, cleanups);
  if (given) globs.warnings.push(...given.globWarnings);
  const discoveryGlobWarnings = [...globs.warnings];
  // Installed environments given as targets are audited distribution by distribution (pipeline/environment.ts).
  const envScan = disc.environments?.length ? new EnvironmentScan(disc) : undefined;
  const { selectTokens, ignoreTokens } = checkRuleTokens(options, config);
  const enabled = selectRules(selectTokens, ignoreTokens);
  const perPath = perPathIgnores(config, globs);
  const baseOptions = fileOptions(options, config, analyses, disc);
  const tasks = fileTasks(disc, analyses, enabled, perPath, baseOptions);
  return { options, cwd, analyses, config, globWarnings: globs.warnings, discoveryGlobWarnings, disc, envScan, selectTokens, ignoreTokens, enabled, perPath, baseOptions, tasks };
}

/**
 * The map step: the per-file pass over `tasks` (results from the cache where it has them,
 * the rest on the worker pool), sorted by path. The pool stays open for the cross-module
 * step; the caller closes it.
 */
export async function mapFiles(
  tasks: FileTask[],
  options: ScanOptions,
  jobs: number,
  stage: (name: string) => void,
): Promise<{ results: FileResult[]; pool: ReturnType<typeof openPool>; cache: ResultCache | undefined }> {
  // Files whose per-file results are cached never reach a worker; the fresh results are
  // stored before the project pass changes them in place.
  const cache = openResultCache(options.cache);
  const { cached, pending } = cache ? cache.partition(tasks) : { cached: [], pending: tasks };
  // Threads by the files left to analyse: when (nearly) every file came from the cache, the
  // cross-module pass runs in-process (measured on the standard library, warm: 22 CPU-s
  // in-process against 34 with two threads that must first load the analyses).
  const pool = openPool(jobs, pending.length);
  try {
    const fresh = await pool.analyze(pending, options.onProgress ? (d) => options.onProgress!(d + cached.length, tasks.length) : undefined);
    cache?.storeAll(pending, fresh);
    const results = [...cached, ...fresh];
    results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (cache && typeof options.cache === 'object') options.cache.onStats?.({ ...cache.stats });
    const cacheNote = cache ? `; result cache: ${cache.stats.hits} hits, ${cache.stats.misses} misses, ${cache.stats.rejected} rejected, ${cache.stats.stored} stored, ${cache.stats.evicted} evicted` : '';
    stage(`per-file analysis (${pending.length} of ${tasks.length} files, ${jobs} jobs${cacheNote})`);
    return { results, pool, cache };
  } catch (err) {
    await pool.close();
    throw err;
  }
}

/** How {@link reduceScan} runs: when the scan started, the stage timer, and where the cross-module step analyses callers. */
export interface ReduceRun {
  started: number;
  stage: (name: string) => void;
  /** A note about `--jobs` for the diagnostics. */
  jobsNote?: string;
  /** Analyses the callers of the cross-module step (the worker pool, or in-process). */
  crossModule: (project: CrossModuleProject, callers: string[]) => Promise<CallerOutcome[]>;
  /** Called once the cross-module step is done (closes the pool), whatever happens. */
  release?: () => Promise<void>;
  /** The result cache: it keeps the callers' second looks of the cross-module step too. */
  cache?: ResultCache;
  /** Told what the cache did once the cross-module step is done (the per-file figures again, and the second looks'). */
  onCacheStats?: ((stats: ResultCacheStats) => void) | undefined;
}

/**
 * The reduce step, the same for a scan and for a merge of shards (pipeline/shard.ts):
 * cross-module flows composed from the per-file results, dependencies, posture, package
 * verdicts, rule scope and thresholds, snippet redaction, allowlist and baseline, the score,
 * and the one redaction step over the report. `results` are the per-file results of every
 * file of `prep.tasks` (changed in place).
 */
export async function reduceScan(prep: PreparedScan, results: FileResult[], run: ReduceRun): Promise<Report> {
  const { options, cwd, analyses, config, disc, envScan, selectTokens, ignoreTokens, enabled, perPath, baseOptions, tasks } = prep;
  const { started, stage } = run;
  let callers = 0;
  let depsJob: ReturnType<typeof analyzeDependencies> | null = null;
  try {
    // Cross-module data flow: files calling into functions of other modules that matter are
    // analysed again with those functions' summaries (see pipeline/crossmodule.ts), on the same threads.
    const cross = analyses.has('rules') ? crossModuleFlows(tasks, results.filter((r) => !r.skipped), run.crossModule, run.cache) : null;
    // The dependency audit needs only the manifests and the files' imports, which the second
    // look does not change: it runs on this thread while the workers take that look.
    if (analyses.has('deps')) {
      const analysedNow = results.filter((r) => !r.skipped);
      depsJob = analyzeDependencies({
        roots: disc.roots,
        files: disc.files.filter((f) => MANIFEST_KINDS.has(f.kind)).map((f) => ({ path: f.path, absPath: f.absPath, kind: f.kind })),
        // An environment's code is third-party code: its imports are not the project's (KR510/KR511).
        imports: collectImports(envScan ? analysedNow.filter((f) => !envScan.owns(f.path)) : analysedNow),
        ...(envScan ? { installed: envScan.installedDistributions() } : {}),
        localModules: prep.recorded ? [...disc.localModules, ...prep.recorded.firstParty] : disc.localModules,
        online: options.online ?? false,
        ignore: config.ignoreAdvisories,
        maxFileSize: baseOptions.maxFileSize,
      }, ruleFilter(selectTokens, ignoreTokens));
      // (Awaited below; a failure must not count as unhandled while the cross-module step runs.)
      depsJob.catch(() => undefined);
    }
    if (cross) {
      callers = await cross;
      // Findings in helpers that every project call gives constants (after the flows: a call passing request data keeps them).
      settleConstantCallers(results.filter((r) => !r.skipped));
    }
    const looks = run.cache?.stats;
    if (looks) run.onCacheStats?.({ ...looks });
    stage(`cross-module flows (${callers} files analysed again${looks ? `, ${looks.lookHits} of them from the result cache` : ''})`);
  } finally {
    await run.release?.();
  }

  const diagnostics: FileDiagnostic[] = (config.warnings ?? []).map((message) => ({ path: warningPath(message), kind: 'config-error' as const, message }));
  if (run.jobsNote) diagnostics.push({ path: '.', kind: 'config-error', message: run.jobsNote });
  for (const message of prep.globWarnings) diagnostics.push({ path: config.sources[0] ?? '', kind: 'config-error', message });
  // An archive that cannot be opened is skipped (listed by discovery) and a diagnostic.
  // So is an archive of a format krait does not open (.tar.zst, .tar.lzma, .7z…): skipped, and said.
  for (const s of disc.skipped) if (s.reason.startsWith('archive cannot be opened') || s.reason.startsWith('archive format krait cannot open')) diagnostics.push({ path: s.path, kind: 'read-error', message: s.reason });
  const { skipped, analysed, findings, suppressed } = gatherResults(results, disc, diagnostics);
  if (enabled.includes(archiveDuplicateEntry.id)) for (const d of disc.archiveDuplicates ?? []) findings.push(duplicateEntryFinding(d.archive, d.entries));

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'krait', version: VERSION },
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    targets: options.targets,
    files: analysed.map(({ findings: _f, routes: _r, taint: _t, suppressed: _s, signs: _g, ...rest }) => {
      // A file's statistics are most of the report's strings, and were redacted with the
      // rest of its result (in its worker, or before they were cached): not visited again.
      if (rest.metrics) markRedacted(rest.metrics);
      return rest;
    }),
    skipped,
    diagnostics,
    findings: [],
    suppressedCount: 0,
    checksPerformed: checksPerformed(analyses, enabled.length),
    ...(disc.fetched ? { fetched: disc.fetched } : {}),
  };

  if (depsJob) {
    const deps = await depsJob;
    for (const f of deps.findings) findings.push(f);
    for (const d of deps.diagnostics) diagnostics.push(d);
    report.dependencies = deps.report;
  }
  if (options.history && analyses.has('secrets')) await auditHistory(options.history, disc.roots, cwd, config, baseOptions.maxFileSize, report, findings, diagnostics);

  stage('dependencies');
  await aggregateProject(report, analysed, disc, analyses, findings, diagnostics, baseOptions.maxFileSize, prep.recorded);
  // Fixes written for another web framework than the one the project uses get the fitting variant.
  fitFixesToProject([...findings, ...suppressed], { files: analysed, declared: (report.dependencies?.requirements ?? []).map((a) => a.requirement.name) });
  stage('project pass');

  const scoped = scopeFindings(findings, suppressed, { options, config, cwd, disc, selectTokens, ignoreTokens, perPath });

  // Per-package verdicts from the malicious-package indicators, before thresholds and the
  // baseline (a verdict must not change with --severity), plus KR609 for a package name
  // that typosquats a popular project.
  if (analyses.has('rules')) {
    const pv = packageVerdicts(disc.files, scoped.findings, options.targets, baseOptions.maxFileSize);
    for (const f of pv.findings) if (scoped.selected(f.ruleId, f.ruleName) && scoped.notIgnored(f.ruleId, f.ruleName)) scoped.findings.push(f);
    report.packages = pv.verdicts;
  }
  envScan?.complete(report, scoped.findings, [scoped.suppressed, scoped.dismissed], (id, name) => scoped.selected(id, name) && scoped.notIgnored(id, name));

  // No snippet may show a secret through a context line.
  redactSnippets([...scoped.findings, ...scoped.suppressed, ...scoped.dismissed]);

  const reported = allowlistAndBaseline(scoped.findings, scoped.suppressed, config, options.baseline);
  scoped.suppressed.sort(compareFindings);
  report.suppressed = scoped.suppressed;
  report.suppressedCount = scoped.suppressed.length;
  reported.sort(compareFindings);
  report.findings = reported;
  report.dismissed = scoped.dismissed.sort(compareFindings);
  report.score = computeScore(report);
  stage('redaction, thresholds, baseline, score');
  report.durationMs = Date.now() - started;
  // The one redaction step, over everything the project pass added too (dependency tables,
  // index URLs, posture, diagnostics, skipped-file reasons, paths): no string of the report
  // holds a secret, whatever format renders it.
  return redactDeep(report);
}

/** KRAIT_TIMINGS=1: a function that prints the wall time of each stage, the CPU time so far (every thread) and the peak RSS so far on stderr (for profiling and `npm run bench`); a no-op otherwise. */
function stageTimer(): (name: string) => void {
  const timings = process.env['KRAIT_TIMINGS'] ? { last: Date.now() } : undefined;
  return (name: string) => {
    if (!timings) return;
    const now = Date.now();
    // maxRSS: the whole process (every worker thread), in KiB.
    const cpu = process.cpuUsage();
    process.stderr.write(`krait: ${name} ${now - timings.last} ms, CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
    timings.last = now;
  };
}

/**
 * The configuration: none with `config: false`, the file given, or the one discovered
 * from the first target.
 * @throws UsageError when it cannot be read or is invalid
 */
function loadScanConfig(options: ScanOptions, cwd: string): ResolvedConfig {
  try {
    const firstRoot = options.targets.length ? path.resolve(cwd, options.targets[0]) : cwd;
    return options.config === false ? emptyConfig() : loadConfig(configStart(firstRoot), options.config || undefined);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Globs are compiled for linear-time matching (core/glob.ts); one that cannot be is a
 * usage error when the caller gave it, and a config-error diagnostic (pattern dropped)
 * when it comes from the scanned project's configuration.
 */
class GlobCheck {
  /** One message per configuration glob dropped, in the order met. */
  readonly warnings: string[] = [];

  /**
   * The globs that compile.
   * @throws UsageError for a caller's glob (`fromConfig` false) that does not
   */
  usable(globs: readonly string[], fromConfig: boolean): string[] {
    return globs.filter((g) => {
      try {
        compileLinearGlob(g);
        return true;
      } catch (err) {
        if (!fromConfig) throw new UsageError((err as Error).message);
        this.warnings.push(`${(err as Error).message}; the pattern was ignored`);
        return false;
      }
    });
  }
}

/**
 * The files of the targets (archives extracted; their cleanup registered in `cleanups`).
 * @throws UsageError when a target does not exist
 */
async function discoverTargets(options: ScanOptions, config: ResolvedConfig, cwd: string, globs: GlobCheck, cleanups: (() => void)[]): Promise<Discovery> {
  const disc = await discoverWithArchives(
    options.targets,
    {
      exclude: [...globs.usable(config.exclude, true), ...globs.usable(options.exclude ?? [], false)],
      include: [...globs.usable(config.include, true), ...globs.usable(options.include ?? [], false)],
      gitignore: options.gitignore ?? true,
      defaultExcludes: true,
      cwd,
      maxFileSize: options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      index: { online: options.online, indexUrl: options.indexUrl },
    },
    { maxEntryBytes: options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE },
  );
  cleanups.push(disc.cleanup);
  if (disc.missing.length) {
    throw new UsageError(`path not found: ${disc.missing.join(', ')} (give existing files or folders to scan)`);
  }
  return disc;
}

/** A per-path ignore: the paths its glob covers and the select/ignore-style tokens it removes there. */
export interface PerPathIgnore {
  covers: (rel: string, display: string) => boolean;
  tokens: string[];
}

/**
 * Per-path ignores: a glob (matched against the path inside the scan root, the display
 * path, and the base name when it has no `/`) and select/ignore-style tokens.
 */
function perPathIgnores(config: ResolvedConfig, globs: GlobCheck): PerPathIgnore[] {
  return [...config.perPathIgnores].filter(([glob]) => globs.usable([glob.replace(/^\.\//, '')], true).length).map(([glob, tokens]) => {
    const full = compileLinearGlob(glob.replace(/^\.\//, ''));
    const base = glob.includes('/') ? null : compileLinearGlob(glob);
    return { covers: (rel: string, display: string) => full(rel) || full(display) || (!!base && base(path.basename(rel))), tokens };
  });
}

/** Does a per-path ignore remove rule `id` (`name`) at this path (inside the root, and as displayed)? */
function perPathIgnored(perPath: PerPathIgnore[], rel: string, display: string, id: string, name: string): boolean {
  return perPath.some((p) => p.covers(rel, display) && p.tokens.some((t) => tokenMatches(t, id, name)));
}

/** The options every file's analysis shares (all but its rules). */
function fileOptions(options: ScanOptions, config: ResolvedConfig, analyses: Set<ScanAnalysis>, disc: Discovery): Omit<AnalyzeOptions, 'enabledRules'> {
  const fileAnalyses: Analysis[] = FILE_ANALYSES.filter((a) => analyses.has(a));
  const ruleOptions = resolveRuleOptions(config.ruleOptions);
  return {
    analyses: fileAnalyses,
    ruleOptions,
    ignoreNosec: options.ignoreNosec ?? config.ignoreNosec ?? false,
    triage: options.triage ?? true,
    localModules: disc.localModules,
    maxFileSize: options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    ...(config.taint ? { taintModels: config.taint } : {}),
    ...(options.fileTimeBudgetMs !== undefined ? { timeBudgetMs: options.fileTimeBudgetMs } : {}),
  };
}

/** One task per file the worker pool analyses, with the rules that apply to it. */
function fileTasks(disc: Discovery, analyses: Set<ScanAnalysis>, enabled: string[], perPath: PerPathIgnore[], baseOptions: Omit<AnalyzeOptions, 'enabledRules'>): FileTask[] {
  const tasks: FileTask[] = [];
  // Most files run every enabled rule: their tasks share one rule list (computed once).
  const partnered = baseOptions.triage ? withMergePartners(enabled) : enabled;
  for (const f of disc.files) {
    // Notebooks' code cells go through the code analyses too (pipeline/notebook.ts).
    const isPython = f.kind === 'python' || f.kind === 'setup-py' || f.kind === 'notebook';
    // Lock files hold hashes, not secrets: only the dependency audit reads them.
    if (LOCK_KINDS.has(f.kind)) continue;
    if (!isPython && !analyses.has('secrets')) continue;
    // Rules a per-path ignore removes for this file are not run at all (the findings filter
    // below applies the same ignores to the other analyses).
    const narrowed = perPath.length ? enabled.filter((id) => !perPathIgnored(perPath, f.relPath, f.path, id, CODE_RULE_NAMES.get(id) ?? '')) : enabled;
    // A pattern rule and the data-flow rule that merges into it run together (the merged
    // finding answers to either id, and the filter below drops it if either is ignored).
    const rules = narrowed === enabled ? partnered : baseOptions.triage ? withMergePartners(narrowed) : narrowed;
    tasks.push({ absPath: f.absPath, path: f.path, kind: f.kind, packageName: f.packageName, options: { ...baseOptions, enabledRules: rules } });
  }
  return tasks;
}

/** The workers' results, sorted by path, split into skipped and analysed files, their findings and suppressed findings; their diagnostics are appended to `diagnostics`. */
function gatherResults(results: FileResult[], disc: Discovery, diagnostics: FileDiagnostic[]): { skipped: Discovery['skipped']; analysed: FileResult[]; findings: Finding[]; suppressed: Finding[] } {
  const skipped = [...disc.skipped];
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const analysed: FileResult[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) diagnostics.push(d);
    if (r.skipped) {
      skipped.push({ path: r.path, reason: r.skipped });
      continue;
    }
    analysed.push(r);
    for (const f of r.findings) findings.push(f);
    for (const f of r.suppressed ?? []) suppressed.push(f);
  }
  return { skipped, analysed, findings, suppressed };
}

/** Secrets that were committed and later removed: every blob of the history of each root's repository, once. */
async function auditHistory(
  history: NonNullable<ScanOptions['history']>,
  roots: string[],
  cwd: string,
  config: ResolvedConfig,
  maxFileSize: number,
  report: Report,
  findings: Finding[],
  diagnostics: FileDiagnostic[],
): Promise<void> {
  const tops = new Set<string>();
  for (const root of roots) {
    try {
      const h = await scanHistory({
        root,
        ...(history.since ? { since: history.since } : {}),
        allRefs: !!history.allRefs,
        maxFileSize,
        allowlist: new Set(config.allowlist),
        displayTop: (top) => {
          const rel = path.relative(cwd, top).split(path.sep).join('/');
          return rel.startsWith('..') || path.isAbsolute(rel) ? top : rel || '.';
        },
      });
      const key = h.findings.map((f) => f.fingerprint).join(',') + h.stats.commits;
      if (tops.has(key)) continue;
      tops.add(key);
      // Secrets still in the working tree are reported by the tree scan; history adds the removed ones.
      for (const f of h.findings) if (!f.properties?.['inWorkingTree']) findings.push(f);
      for (const w of h.warnings) diagnostics.push({ path: root, kind: 'config-error', message: w });
      report.checksPerformed.push(`secrets in git history: ${h.stats.commits} commits, ${h.stats.blobs} blobs (${h.stats.ms} ms)`);
    } catch (err) {
      diagnostics.push({ path: root, kind: 'config-error', message: `git history not audited: ${(err as Error).message}` });
    }
  }
}

/** What {@link scopeFindings} needs of the scan. */
interface ScopeContext {
  options: ScanOptions;
  config: ResolvedConfig;
  cwd: string;
  disc: Discovery;
  selectTokens: string[];
  ignoreTokens: string[];
  perPath: PerPathIgnore[];
}

/**
 * --select/--ignore and per-path ignores over the findings of every analysis (the code
 * rules were already narrowed per file; secrets, dependencies and posture are here), then
 * the severity and confidence thresholds and `--diff-base`. A finding that merged a
 * data-flow rule into a pattern rule answers to either id. Returns the findings in scope,
 * the suppressed and dismissed ones, and the select and ignore filters.
 */
function scopeFindings(all: Finding[], suppressedIn: Finding[], { options, config, cwd, disc, selectTokens, ignoreTokens, perPath }: ScopeContext) {
  let findings = all;
  let suppressed = suppressedIn;
  const selected = ruleFilter(selectTokens, []);
  const notIgnored = ruleFilter([], ignoreTokens);
  // Worker results carry redacted paths (a file may be named like a token): look both up.
  const relOf = new Map(disc.files.flatMap((f) => [[f.path, f.relPath] as const, [redactText(f.path), f.relPath] as const]));
  // Findings already marked suppressed (a comment found by a later pass) join the suppressed list.
  for (const f of findings) if (f.status === 'suppressed') suppressed.push(f);
  findings = findings.filter((f) => f.status !== 'suppressed');
  const minSev = options.severity ?? config.severity;
  const minConf = options.confidence ?? config.confidence;
  const ruleScope = (f: Finding) => {
    const ids: [string, string][] = [[f.ruleId, f.ruleName], ...(f.relatedRuleIds ?? []).map((id): [string, string] => [id, ''])];
    const rel = relOf.get(f.location.path) ?? f.location.path;
    return ids.some(([id, name]) => selected(id, name)) && ids.every(([id, name]) => notIgnored(id, name)) && !(perPath.length && ids.some(([id, name]) => perPathIgnored(perPath, rel, f.location.path, id, name)));
  };
  // Rule selection and thresholds apply to suppressed findings too: they are listed and
  // counted as what would be reported without the suppression.
  const inScope = (f: Finding) =>
    ruleScope(f) && (!minSev || severityRank(f.severity) >= severityRank(minSev)) && (!minConf || confidenceRank(f.confidence) >= confidenceRank(minConf));
  assignProjectFingerprints(findings);
  // Findings the reasoning layer dismissed are kept apart: not scored, not failing the run.
  let dismissed = findings.filter((f) => f.status === 'dismissed' && ruleScope(f));
  findings = findings.filter((f) => f.status !== 'dismissed' && inScope(f));
  suppressed = suppressed.filter(inScope);
  if (options.diffBase) {
    const inDiff = diffFilter(options.diffBase, disc.roots[0] ?? cwd, new Map(disc.files.map((f) => [f.path, f.absPath])));
    findings = findings.filter(inDiff);
    suppressed = suppressed.filter(inDiff);
    dismissed = dismissed.filter(inDiff);
  }
  return { findings, suppressed, dismissed, selected, notIgnored };
}

/**
 * Allowlist (by fingerprint), then the baseline: those findings are kept, marked, and
 * moved to `suppressed`. Returns the findings still reported.
 * @throws UsageError when the baseline file cannot be read
 */
function allowlistAndBaseline(findings: Finding[], suppressed: Finding[], config: ResolvedConfig, baselineFile: string | undefined): Finding[] {
  const allow = new Set(config.allowlist);
  const baseline = baselineFile ? loadBaselineOrThrow(baselineFile) : undefined;
  return findings.filter((f) => {
    if (allow.has(f.fingerprint)) {
      f.status = 'suppressed';
      f.suppression = { by: 'allowlist' };
    } else if (baseline?.has(f.fingerprint)) {
      f.status = 'baselined';
      f.suppression = { by: 'baseline' };
    } else return true;
    suppressed.push(f);
    return false;
  });
}

/**
 * The worker count a scan uses: `requested` (default: the cores available) capped at the
 * cores available, at least 1. A non-integer, non-positive or larger request is capped
 * with a one-line `note` saying so (more threads than cores only adds memory and switching).
 */
export function capJobs(requested: number | undefined): { jobs: number; note?: string } {
  const cores = defaultJobs();
  if (requested === undefined) return { jobs: cores };
  if (!Number.isFinite(requested) || requested < 1) return { jobs: 1, note: `jobs ${String(requested)} is not a positive number; using 1` };
  const whole = Math.floor(requested);
  if (whole > cores) return { jobs: cores, note: `jobs ${whole} is more than the ${cores} cores available; using ${cores}` };
  return { jobs: whole };
}

/** The configuration file a warning is about. */
function warningPath(message: string): string {
  return (
    /^(?:invalid TOML in (.*?): |config (.*?) (?:not followed|not found|cannot be read))/.exec(message)?.slice(1).find(Boolean) ??
    / of (.+?); it was left out$/.exec(message)?.[1] ??
    '.'
  );
}

/** Is a finding on a line changed since `rev` (`--diff-base`)? */
function diffFilter(rev: string, dir: string, absOf: Map<string, string>): (f: Finding) => boolean {
  let changed: ChangedLines;
  try {
    changed = changedLines(dir, rev);
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  return (f) => {
    const abs = absOf.get(f.location.path);
    const lines = abs ? (changed.get(abs) ?? changed.get(realpathOr(abs))) : undefined;
    if (!lines) return false;
    if (lines === 'all') return true;
    for (let l = f.location.startLine; l <= f.location.endLine; l++) if (lines.has(l)) return true;
    return false;
  };
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function loadBaselineOrThrow(file: string): ReadonlySet<string> {
  try {
    return loadBaseline(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Where configuration discovery starts: the first target, or its folder when it is a file. */
function configStart(target: string): string {
  try {
    return statSync(target).isDirectory() ? target : path.dirname(target);
  } catch {
    return path.dirname(target);
  }
}

/**
 * The enabled rule ids: all code rules, narrowed by `select` (ids, id prefixes such as
 * `B6` or `KR1`, or names) and then by `ignore`.
 */
export function selectRules(select: string[], ignore: string[]): string[] {
  const on = ruleFilter(select, ignore);
  return CODE_RULES.filter((r) => on(r.id, r.name)).map((r) => r.id);
}

const CODE_RULE_NAMES = new Map(CODE_RULES.map((r) => [r.id, r.name]));

/**
 * The select/ignore tokens of a scan, checked: an unknown one on the command line or in
 * `[tool.krait]` (select, ignore, per-path ignores) is a UsageError naming it and the
 * closest known rule; one from bandit's own configuration (which may name checks bandit
 * retired) is left out with a warning in `config.warnings`.
 */
function checkRuleTokens(options: ScanOptions, config: ResolvedConfig): { selectTokens: string[]; ignoreTokens: string[] } {
  for (const [list, flag] of [[options.select, '--select'], [options.ignore, '--ignore']] as const) {
    const bad = unknownRuleTokens(list ?? []);
    if (bad.length) throw new UsageError(unknownRuleMessage(bad[0], flag));
  }
  const fromBandit = config.banditTokens ?? new Map<string, string>();
  const keep = (tokens: string[], where: string) =>
    tokens.filter((t) => {
      if (!unknownRuleTokens([t]).length) return true;
      const bandit = fromBandit.get(t);
      if (bandit === undefined) throw new UsageError(unknownRuleMessage(t, where));
      (config.warnings ??= []).push(`${unknownRuleMessage(t, bandit)}; it was left out`);
      return false;
    });
  const src = config.sources.find((f) => !f.endsWith('.bandit')) ?? 'the configuration';
  for (const [glob, tokens] of config.perPathIgnores) config.perPathIgnores.set(glob, keep(tokens, `per-path-ignores "${glob}" of ${src}`));
  return {
    selectTokens: [...keep(config.select, `select of ${src}`), ...(options.select ?? [])],
    ignoreTokens: [...keep(config.ignore, `ignore of ${src}`), ...(options.ignore ?? [])],
  };
}

/**
 * Whether a rule of any analysis (code, secrets, dependencies, posture) is enabled by
 * `select` (empty: every rule) and `ignore`, matched as {@link selectRules} does.
 */
export function ruleFilter(select: string[], ignore: string[]): (id: string, name: string) => boolean {
  return (id, name) => (select.length === 0 || select.some((s) => tokenMatches(s, id, name))) && !ignore.some((s) => tokenMatches(s, id, name));
}

/** The rule ids plus, for each pattern rule triage judges, the data-flow rules that merge into it, and the reverse. */
function withMergePartners(ids: string[]): string[] {
  const out = new Set(ids);
  for (const [pattern, rule] of TRIAGE_RULES) {
    if (out.has(pattern)) for (const f of rule.flows) out.add(f);
  }
  for (const [pattern, rule] of TRIAGE_RULES) {
    if (rule.flows.some((f) => ids.includes(f)) && CODE_RULE_NAMES.has(pattern)) out.add(pattern);
  }
  return [...out];
}

/**
 * Map option sections keyed by rule id, rule name or bandit plugin name onto rule ids.
 * The result is keyed by rule ids only; each rule's options are a null-prototype object
 * (it crosses the worker boundary), so an option named `constructor` is a plain option.
 */
function resolveRuleOptions(raw: ReadonlyMap<string, ReadonlyMap<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const [key, optMap] of raw) {
    const opts = Object.fromEntries(optMap) as Record<string, unknown>;
    const k = key.toLowerCase().replace(/_/g, '-');
    // bandit's `shell_injection` section configures the whole B602–B607 family.
    const targets =
      k === 'shell-injection'
        ? CODE_RULES.filter((r) => /^B60[2-7]$/.test(r.id))
        : CODE_RULES.filter((r) => r.id === key.toUpperCase() || r.name === k);
    for (const r of targets) out[r.id] = Object.assign(Object.create(null) as Record<string, unknown>, out[r.id], opts);
  }
  return out;
}

/** Every import of the files, with where it is (the dependency audit's input). */
export function collectImports(files: FileResult[]): { module: string; path: string; line: number; optional?: boolean }[] {
  const out: { module: string; path: string; line: number; optional?: boolean }[] = [];
  for (const f of files) for (const i of f.imports ?? []) out.push(i.optional ? { module: i.module, path: f.path, line: i.line, optional: true } : { module: i.module, path: f.path, line: i.line });
  return out;
}

function checksPerformed(analyses: Set<ScanAnalysis>, rules: number): string[] {
  const out: string[] = [];
  if (analyses.has('rules')) out.push(`code vulnerabilities: ${rules} rules (bandit-compatible checks and data-flow analysis)`);
  if (analyses.has('secrets')) out.push('hardcoded secrets and credentials');
  if (analyses.has('egress')) out.push('egress: network modules, endpoints and credential names');
  if (analyses.has('deps')) out.push('dependencies: manifests, lock files, known vulnerabilities, typosquatting');
  if (analyses.has('posture')) out.push('project posture: .env handling, settings, Docker and compose files, routes and auth');
  if (analyses.has('metrics')) out.push('statistics and cyclomatic complexity');
  return out;
}

/** KR147 for an archive with entries of the same path (`entries`: each such path once). */
function duplicateEntryFinding(archive: string, entries: string[]): Finding {
  const r = archiveDuplicateEntry;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} in all)` : '');
  return {
    ruleId: r.id,
    ruleName: r.name,
    category: r.category,
    severity: r.severity,
    confidence: r.confidence,
    cwe: r.cwe,
    message: `The archive holds several entries with the same path (${shown}); the last copy, the one pip installs, was analysed.`,
    location: { path: archive, startLine: 1, startColumn: 0, endLine: 1, endColumn: 0 },
    snippet: '',
    fix: r.docs.instead,
    fingerprint: fingerprintOf(`${r.id}\u0000${archive}\u0000${entries.join('\u0000')}`),
    properties: { duplicateEntries: entries.slice(0, 100) },
  };
}

function fingerprintOf(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}
