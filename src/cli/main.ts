/**
 * The `krait` command line (commander): scan (default; `--shard K/N` for one shard), merge
 * (shard files into one report), secrets, deps, stats, routes, rules, explain (a rule, or one finding by fingerprint), cache, db. Exit codes: 0 nothing at or above --fail-on, 1 findings,
 * 2 usage or fatal errors (with a message that says what to do).
 */
import { writeFileSafely } from '../core/safe-write.js';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { SEVERITIES, CONFIDENCES, type Severity } from '../core/finding.js';
import type { Report } from '../report/model.js';
import { capJobs, scan, UsageError, type ScanAnalysis, type ScanOptions } from '../pipeline/scan.js';
import { REPORT_FORMATS, exitCodeFor, writeReport, type ReportFormat } from '../report/index.js';
import { writeBaseline } from '../report/baseline.js';
import { allRuleMetas, ruleMeta } from '../rules/catalog.js';
import { renderDepsTable } from '../report/deps-table.js';
import { addDbCommands } from './db.js';
import { defaultCacheDir } from '../core/cache-dir.js';
import path from 'node:path';
import { VERSION } from '../core/version.js';
import { renderRuleList, renderExplain } from './rules-text.js';
import { findByFingerprint, renderFindingExplanation } from './explain-finding.js';
import { unknownRuleMessage } from '../pipeline/rule-selection.js';
import { terminalWidth, wrapToWidth } from '../report/terminal.js';
import { terminalSafe } from '../core/text.js';
import { renderAnalysisText } from '../report/text.js';
import { advisoryDataLine, exitLine } from '../report/summary.js';
import type { FixFlags } from './fix.js';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  select?: string[];
  ignore?: string[];
  exclude?: string[];
  include?: string[];
  severity?: Severity;
  confidence?: (typeof CONFIDENCES)[number];
  failOn?: Severity | 'none';
  exitZero?: boolean;
  ignoreNosec?: boolean;
  maxFileSize?: number;
  jobs?: number;
  config?: string | false;
  gitignore: boolean;
  baseline?: string;
  writeBaseline?: string;
  online?: boolean;
  indexUrl?: string;
  history?: boolean;
  since?: string;
  allRefs?: boolean;
  triage: boolean;
  showDismissed?: boolean;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  diffBase?: string;
  showSuppressed?: boolean;
  summaryOnly?: boolean;
  /** `--no-cache` sets it false. */
  cache?: boolean;
  cacheDir?: string;
}


const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${v}"`);
  return n;
};

/** Option groups: each command offers only the options it acts on. */
type OptionGroup = 'findings' | 'nosec' | 'online' | 'report' | 'triage' | 'history' | 'index';

/**
 * Add the options of a scanning command: the paths, `--format` with the formats it really
 * writes, the discovery options every command shares, and the groups it acts on —
 * `findings` (rule selection, thresholds, exit code, baselines, suppressed findings),
 * `nosec` (`--ignore-nosec`), `online` (`--online`), `report` (`--output`, `--verbose`),
 * `triage` (`--no-triage`, `--show-dismissed`), `index` (`pypi:NAME[==VERSION]` targets:
 * `--index-url`; with `online`, `--online` fetches them from PyPI too).
 */
function addScanOptions(cmd: Command, formats: readonly string[], groups: readonly OptionGroup[]): Command {
  const has = (g: OptionGroup) => groups.includes(g);
  cmd.argument('[paths...]', has('index') ? 'files and folders to audit, or pypi:NAME[==VERSION] to fetch a package from an index' : 'files and folders to audit', ['.']).addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default(formats[0]));
  if (has('report')) cmd.option('-o, --output <path>', 'write the report to a file (a folder for markdown)');
  if (has('findings')) {
    cmd
      .option('--select <ids>', 'run only these rules: ids, id prefixes (B6, KR1) or names, comma-separated', list)
      .option('--ignore <ids>', 'leave out these rules (ids, prefixes or names)', list);
  }
  cmd
    .option('--exclude <globs>', 'skip paths matching these globs', list)
    .option('--include <globs>', 'analyse only paths matching these globs', list);
  if (has('findings')) {
    cmd
      .addOption(new Option('--severity <level>', 'report findings at or above this severity').choices([...SEVERITIES]))
      .addOption(new Option('--confidence <level>', 'report findings at or above this confidence').choices([...CONFIDENCES]))
      .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity (default low)').choices([...SEVERITIES, 'none']))
      .option('--exit-zero', 'always exit 0 when the scan completes')
      .option('--diff-base <rev>', 'report only findings on lines changed since this git revision (e.g. origin/main)')
      .option('--baseline <file>', 'report only findings that are not in this baseline')
      .option('--write-baseline <file>', 'write the findings of this scan as a baseline')
      .option('--show-suppressed', 'also list the findings silenced by # nosec, # noqa, the allowlist or the baseline')
      .option('--summary-only', 'print only the summary (score, counts, exit code reason)');
  }
  if (has('nosec')) cmd.option('--ignore-nosec', 'report findings silenced by # nosec / # noqa too');
  cmd
    .option('--max-file-size <bytes>', 'skip files larger than this (default 5 MB)', positiveInt('--max-file-size'))
    .option('-j, --jobs <n>', 'worker threads (default: the cores available)', positiveInt('--jobs'))
    .option('-c, --config <file>', 'configuration file (pyproject.toml, krait.toml or .bandit)')
    .option('--no-config', 'read no configuration file')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--cache-dir <dir>', 'where per-file results are cached (default: $XDG_CACHE_HOME/krait or ~/.cache/krait)')
    .option('--no-cache', 'neither read nor write the result cache');
  if (has('online')) cmd.option('--online', `allow network look-ups (OSV API) for dependencies${has('index') ? ', and fetching pypi: targets from PyPI' : ''}`);
  if (has('index')) {
    // Commands without `online` take only --index-url (their --online would promise OSV look-ups they do not make).
    cmd.option('--index-url <url>', `simple index (PEP 503/691) to fetch pypi: targets from; allows the network for it${has('online') ? ' (--online alone: https://pypi.org/simple/)' : ' (PyPI: https://pypi.org/simple/)'}`);
  }
  if (has('history')) {
    cmd
      .option('--history', 'also audit every blob in the git history for secrets (removed secrets: rotate them)')
      .option('--since <rev>', 'with --history: only commits in REV..HEAD')
      .option('--all-refs', 'with --history: every branch and tag, not only HEAD');
  }
  if (has('triage')) {
    cmd
      .option('--no-triage', 'report every pattern finding as bandit does: no verdicts, no dismissal, no merging of data-flow findings')
      .option('--show-dismissed', 'also list findings the reasoning layer dismissed (text; SARIF marks them suppressed)');
  }
  cmd.option('--color', 'force colours').option('--no-color', 'no colours');
  if (has('report')) cmd.option('-v, --verbose', 'more detail (traces, properties, context lines)');
  return cmd.option('-q, --quiet', 'no progress output');
}

function scanOptions(paths: string[], f: ScanFlags, analyses?: ScanAnalysis[]): ScanOptions {
  const capped = capJobs(f.jobs).note;
  if (capped && !f.quiet) process.stderr.write(`krait: note: --${capped}\n`);
  return {
    targets: paths.length ? paths : ['.'],
    analyses,
    select: f.select,
    ignore: f.ignore,
    exclude: f.exclude,
    include: f.include,
    severity: f.severity,
    confidence: f.confidence,
    ignoreNosec: f.ignoreNosec,
    maxFileSize: f.maxFileSize,
    jobs: f.jobs,
    config: f.config === false ? false : f.config,
    gitignore: f.gitignore,
    baseline: f.baseline,
    online: f.online,
    indexUrl: f.indexUrl,
    ...(f.history || f.since || f.allRefs ? { history: { ...(f.since ? { since: f.since } : {}), allRefs: !!f.allRefs } } : {}),
    triage: f.triage,
    diffBase: f.diffBase,
    cache: f.cache === false ? false : f.cacheDir ? { dir: f.cacheDir } : true,
    onProgress: progress(f),
  };
}

/** A one-line progress counter on stderr, only on a TTY. */
function progress(f: ScanFlags): ScanOptions['onProgress'] {
  if (f.quiet || !process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    process.stderr.write(`\r\x1b[2Kkrait: analysed ${done}/${total} files`);
    if (done >= total) process.stderr.write('\r\x1b[2K');
  };
}

function useColor(f: ScanFlags): boolean {
  if (f.color === true && process.argv.includes('--color')) return true;
  if (f.color === false) return false;
  return !!process.stdout.isTTY && !process.env['NO_COLOR'];
}

/** The options every format shares, from the flags. */
function reportOptions(f: ScanFlags) {
  return {
    output: f.output,
    color: useColor(f),
    verbose: f.verbose,
    lookupRule: ruleMeta,
    width: f.output ? undefined : terminalWidth(),
    showSuppressed: f.showSuppressed,
    summaryOnly: f.summaryOnly,
    failOn: f.failOn ?? 'low',
    exitZero: !!f.exitZero,
    showDismissed: f.showDismissed,
  };
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

async function emit(report: Report, f: ScanFlags, noScore = false): Promise<number> {
  if (f.writeBaseline) writeBaseline(report, f.writeBaseline);
  const text = await writeReport(report, { format: f.format, ...reportOptions(f), noScore });
  if (text !== undefined) print(text);
  else if (!f.quiet && f.output) process.stderr.write(`krait: ${f.format} report written to ${f.output}\n`);
  return exitCodeFor(report, f.failOn ?? 'low', !!f.exitZero);
}

/**
 * Output of a command that runs one analysis (`secrets`, `deps`): its own findings and a
 * one-line summary in the text formats, no score in any format but HTML and Markdown
 * (which are full reports).
 */
async function emitAnalysis(report: Report, f: ScanFlags, what: string, checks: string, table?: () => string, scope?: string): Promise<number> {
  if (f.format !== 'html' && f.format !== 'markdown') delete report.score;
  if ((f.format === 'text' || (f.format as string) === 'table') && !f.output) {
    if (f.writeBaseline) writeBaseline(report, f.writeBaseline);
    const o = reportOptions(f);
    const body = renderAnalysisText(report, { ...o, what, checks, scope, summaryOnly: f.summaryOnly || !!table });
    const adv = advisoryDataLine(report);
    print(
      wrapToWidth([...(table && !f.summaryOnly ? [table(), ''] : []), ...(adv ? [adv] : []), body.trimEnd(), exitLine(report, o.failOn, o.exitZero)].join('\n'), o.width),
    );
    return exitCodeFor(report, f.failOn ?? 'low', !!f.exitZero);
  }
  return emit(report, { ...f, format: (f.format as string) === 'table' ? 'text' : f.format }, true);
}

/** Build the program; `run` receives the exit code of the command. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('krait')
    .description('Security auditor for Python projects: code, data flow, secrets, egress, dependencies, posture and statistics — offline.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run krait --help for usage)')
    // One error prefix for every message: commander's own ("error: unknown option") too.
    .configureOutput({ outputError: (str, write) => write(str.startsWith('error:') ? `krait: ${str}` : str) })
    .exitOverride();

  const FINDINGS_FORMATS = REPORT_FORMATS;
  addScanOptions(program.command('scan', { isDefault: true }).description('full audit (the default command)'), FINDINGS_FORMATS, ['report', 'findings', 'nosec', 'online', 'triage', 'history', 'index'])
    .option('--shard <K/N>', 'analyse only slice K of N of the files and write a shard file (-o FILE) for krait merge')
    .action(async (paths: string[], f: ScanFlags & { shard?: string }, cmd: Command) => {
      if (f.shard !== undefined) setExit(await writeShard(paths, f as ScanFlags & { shard: string }, cmd));
      else setExit(await emit(await scan(scanOptions(paths, f)), f));
    });
  addMergeCommand(program, setExit);

  addScanOptions(program.command('secrets').description('hardcoded secrets only'), FINDINGS_FORMATS, ['report', 'findings', 'nosec', 'history', 'index']).action(async (paths: string[], f: ScanFlags) => {
    setExit(await emitAnalysis(await scan(scanOptions(paths, f, ['secrets'])), f, 'secret', 'hardcoded secrets and credentials in every text file'));
  });

  addScanOptions(program.command('deps').description('dependency audit only: manifests, lock files, advisories, typosquats'), ['table', ...FINDINGS_FORMATS.filter((x) => x !== 'text')], [
    'report',
    'findings',
    'online',
    'index',
  ]).action(async (paths: string[], f: ScanFlags) => {
    const report = await scan(scanOptions(paths, f, ['deps']));
    for (const d of report.diagnostics) process.stderr.write(`krait: warning: ${terminalSafe(d.path)}: ${terminalSafe(d.message)}\n`);
    const deps = report.dependencies;
    // The table without its own data line: the advisory data's date and age follow it.
    const table = deps ? () => renderDepsTable(deps).replace(/\nAdvisory data: [^\n]*$/, '') : () => 'No manifest or lock file found.';
    const scope = deps ? `${deps.summary.requirements} requirements in ${deps.manifests.length} manifest${deps.manifests.length === 1 ? '' : 's'}, ${deps.summary.vulnerable} vulnerable` : undefined;
    setExit(await emitAnalysis(report, f, 'dependency finding', 'manifests, lock files, known vulnerabilities, typosquatting', table, scope));
  });

  // html and markdown are written by the report writer, so stats takes --output (markdown needs a folder).
  addScanOptions(program.command('stats').description('code statistics and cyclomatic complexity'), ['table', 'json', 'html', 'markdown'], ['report', 'index']).action(async (paths: string[], f: ScanFlags) => {
    const report = await scan(scanOptions(paths, f, ['metrics']));
    const { renderStats } = await import('../report/stats-text.js');
    const out = (text: string) => (f.output ? writeFileSafely(f.output, text.endsWith('\n') ? text : `${text}\n`, 'statistics file') : print(text));
    if ((f.format as string) === 'table') {
      out(f.output ? renderStats(report, { color: false }) : wrapToWidth(renderStats(report, { color: useColor(f) }), terminalWidth()));
    } else if (f.format === 'json') {
      // The statistics alone: per file and in total.
      const stats = { files: report.files.filter((x) => x.metrics).map((x) => ({ path: x.path, ...x.metrics })), total: report.metrics };
      out(JSON.stringify(stats, null, 2));
    } else {
      await emit(report, { ...f, exitZero: true });
    }
    setExit(0);
  });

  addScanOptions(program.command('routes').description('inventory of HTTP routes and CLI entry points, with auth and validation status'), ['table', 'json'], ['index']).action(
    async (paths: string[], f: ScanFlags) => {
      const report = await scan(scanOptions(paths, f, ['posture']));
      const { renderRoutes } = await import('../posture/index.js');
      if (f.format === 'json') print(JSON.stringify(report.posture?.routes ?? [], null, 2));
      else print(wrapToWidth(renderRoutes(report.posture ?? { routes: [] }, { color: useColor(f) }), terminalWidth()));
      setExit(0);
    },
  );

  program
    .command('fix')
    .description('rewrite the audited code for findings whose secure form is mechanical (safe fixes; --unsafe-fixes for all)')
    .argument('[paths...]', 'files and folders to fix', ['.'])
    .option('--unsafe-fixes', 'also apply fixes that may change behaviour')
    .option('--diff', 'print a unified diff and write nothing; exit 1 when there is a change')
    .option('--select <ids>', 'fix only these rules: ids, id prefixes or names, comma-separated', list)
    .option('--ignore <ids>', 'leave these rules alone', list)
    .option('--exclude <globs>', 'skip paths matching these globs', list)
    .option('--include <globs>', 'fix only paths matching these globs', list)
    .option('--target-version <version>', 'oldest Python the code must run on (default: requires-python of pyproject.toml, else 3.9)')
    .option('--baseline <file>', 'leave the findings of this baseline alone')
    .option('-c, --config <file>', 'configuration file (pyproject.toml, krait.toml or .bandit)')
    .option('--no-config', 'read no configuration file')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (paths: string[], f: FixFlags) => {
      const { runFixCommand } = await import('./fix.js');
      setExit(await runFixCommand(paths, f, scanOptions(paths, { ...f, format: 'text', gitignore: f.gitignore } as ScanFlags, ['rules'])));
    });

  program
    .command('rules')
    .description('list every rule: id, name, severity, CWE, what it checks')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((f: { format: string }) => {
      const rules = allRuleMetas();
      process.stdout.write(f.format === 'json' ? JSON.stringify(rules, null, 2) + '\n' : renderRuleList(rules));
      setExit(0);
    });

  program
    .command('explain')
    .description("print a rule's full documentation, or with --finding why one finding of a scan got its status and verdict")
    .argument('[args...]', 'a rule id (B602, S602, KR101) or name; with --finding, the paths to scan (default .)')
    .option('--finding <fingerprint>', 'scan PATHS and explain the finding (active or dismissed) with this fingerprint')
    .option('-c, --config <file>', 'configuration file for the scan (with --finding)')
    .option('--no-config', 'read no configuration file (with --finding)')
    .option('--no-triage', 'scan without the reasoning layer (with --finding)')
    .action(async (args: string[], f: { finding?: string; config?: string | false; triage: boolean }) => {
      if (f.finding !== undefined) {
        const targets = args.length ? args : ['.'];
        const report = await scan({ targets, config: f.config === false ? false : f.config, triage: f.triage });
        const found = findByFingerprint(report, f.finding);
        if (!found) throw new UsageError(`no finding has fingerprint "${f.finding}" in ${targets.join(', ')} (krait scan -v or -f json shows the fingerprints)`);
        process.stdout.write(renderFindingExplanation(found));
        setExit(0);
        return;
      }
      if (args.length !== 1) throw new UsageError('give one rule id (krait explain B602) or --finding FINGERPRINT [PATHS]');
      const meta = ruleMeta(args[0]);
      if (!meta) throw new UsageError(unknownRuleMessage(args[0], 'krait explain'));
      process.stdout.write(renderExplain(meta));
      setExit(0);
    });

  addCacheCommands(program, setExit);
  addDbCommands(program, setExit);
  return program;
}

/**
 * `krait scan --shard K/N -o FILE`: the map step of one shard (pipeline/shard.ts). A shard
 * is not a report: `--format` and the options of the reduce step are refused.
 * @throws UsageError for a bad `--shard`, a `--format` or a missing `-o`
 */
async function writeShard(paths: string[], f: ScanFlags & { shard: string }, cmd: Command): Promise<number> {
  const { parseShardSpec, scanShard } = await import('../pipeline/shard.js');
  const spec = parseShardSpec(f.shard);
  if (cmd.getOptionValueSource('format') === 'cli') throw new UsageError('--format cannot be used with --shard: a shard file is not a report; give the shard files to krait merge --format FORMAT');
  if (!f.output) throw new UsageError('--shard needs -o FILE: the shard file to write (then: krait merge FILE…)');
  for (const [flag, given] of [['--write-baseline', f.writeBaseline], ['--fail-on', f.failOn]] as const) {
    if (given !== undefined) throw new UsageError(`${flag} applies at merge: give it to krait merge`);
  }
  const shard = await scanShard(scanOptions(paths, f), spec);
  writeFileSafely(f.output, JSON.stringify(shard) + '\n', 'shard file');
  if (!f.quiet) process.stderr.write(`krait: shard ${spec.k}/${spec.n} (${shard.results.length} of ${shard.discovery.files.length} files) written to ${f.output}\n`);
  return 0;
}

/** `krait merge FILE…`: the reduce step over shard files, with any report format (pipeline/shard.ts). */
function addMergeCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description('merge shard files (krait scan --shard K/N -o FILE) into one report; needs no checkout')
    .argument('<files...>', 'the shard files, one per K')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('-o, --output <path>', 'write the report to a file (a folder for markdown)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity (default low)').choices([...SEVERITIES, 'none']))
    .option('--exit-zero', 'always exit 0 when the merge completes')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', 'write the findings as a baseline')
    .option('--show-suppressed', 'also list the findings silenced by # nosec, # noqa, the allowlist or the baseline')
    .option('--show-dismissed', 'also list findings the reasoning layer dismissed')
    .option('--summary-only', 'print only the summary (score, counts, exit code reason)')
    .option('-j, --jobs <n>', 'worker threads (default: the cores available)', positiveInt('--jobs'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'more detail (traces, properties, context lines)')
    .option('-q, --quiet', 'no progress output')
    .action(async (files: string[], f: ScanFlags) => {
      const { mergeShards } = await import('../pipeline/shard.js');
      const report = await mergeShards(files, { ...(f.baseline ? { baseline: f.baseline } : {}), ...(f.jobs ? { jobs: f.jobs } : {}) });
      setExit(await emit(report, f));
    });
}

/** `krait cache info` and `krait cache clean`: the result cache: per-file results and cross-module second looks (pipeline/cache.ts). */
function addCacheCommands(program: Command, setExit: (code: number) => void): void {
  const cache = program.command('cache').description('the result cache (per-file results and cross-module second looks)');
  cache
    .command('info')
    .description('where the result cache is, its size and number of entries')
    .option('--cache-dir <dir>', 'the cache directory (default: $XDG_CACHE_HOME/krait or ~/.cache/krait)')
    .action(async (f: { cacheDir?: string }) => {
      const { resultCacheInfo } = await import('../pipeline/cache.js');
      const info = resultCacheInfo(path.resolve(f.cacheDir ?? defaultCacheDir()));
      process.stdout.write(`dir: ${info.dir}\nentries: ${info.entries}\nsize: ${info.bytes} bytes (${(info.bytes / 1048576).toFixed(1)} MB)\n`);
      setExit(0);
    });
  cache
    .command('clean')
    .description('remove every cached per-file result (the advisory database stays)')
    .option('--cache-dir <dir>', 'the cache directory (default: $XDG_CACHE_HOME/krait or ~/.cache/krait)')
    .action(async (f: { cacheDir?: string }) => {
      const { cleanResultCache } = await import('../pipeline/cache.js');
      const dir = path.resolve(f.cacheDir ?? defaultCacheDir());
      const r = cleanResultCache(dir);
      process.stderr.write(`krait: removed ${r.entries} cached results (${(r.bytes / 1048576).toFixed(1)} MB) from ${dir}\n`);
      setExit(0);
    });
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    const msg = (err as Error).message ?? String(err);
    process.stderr.write(`${pc.red('krait: error:')} ${msg.split('\n')[0]}\n`);
    return 2;
  }
}
