/**
 * The `krait` command line (commander): scan (default), secrets, deps, stats, routes,
 * rules, explain (a rule, or one finding by fingerprint), db. Exit codes: 0 nothing at or above --fail-on, 1 findings,
 * 2 usage or fatal errors (with a message that says what to do).
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { SEVERITIES, CONFIDENCES, type Severity } from '../findings.js';
import type { Report } from '../model.js';
import { capJobs, scan, UsageError, type ScanAnalysis, type ScanOptions } from '../engine/scan.js';
import { REPORT_FORMATS, exitCodeFor, writeReport, type ReportFormat } from '../report/index.js';
import { writeBaseline } from '../report/baseline.js';
import { allRuleMetas, ruleMeta } from '../rules/catalog.js';
import { renderDepsTable, updateDatabase } from '../deps/index.js';
import { loadDatabase } from '../deps/database.js';
import { VERSION } from '../version.js';
import { renderRuleList, renderExplain } from './rules-text.js';
import { findByFingerprint, renderFindingExplanation } from './explain-finding.js';

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
  history?: boolean;
  since?: string;
  allRefs?: boolean;
  triage: boolean;
  showDismissed?: boolean;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

/** Options of `krait fix`. */
export interface FixFlags {
  unsafeFixes?: boolean;
  diff?: boolean;
  select?: string[];
  ignore?: string[];
  exclude?: string[];
  include?: string[];
  targetVersion?: string;
  baseline?: string;
  config?: string | false;
  gitignore: boolean;
  quiet?: boolean;
}

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${v}"`);
  return n;
};

function addScanOptions(cmd: Command, formats: readonly string[] = REPORT_FORMATS): Command {
  return cmd
    .argument('[paths...]', 'files and folders to audit', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...formats]).default('text'))
    .option('-o, --output <path>', 'write the report to a file (a folder for markdown)')
    .option('--select <ids>', 'run only these rules: ids, id prefixes (B6, KR1) or names, comma-separated', list)
    .option('--ignore <ids>', 'leave out these rules (ids, prefixes or names)', list)
    .option('--exclude <globs>', 'skip paths matching these globs', list)
    .option('--include <globs>', 'analyse only paths matching these globs', list)
    .addOption(new Option('--severity <level>', 'report findings at or above this severity').choices([...SEVERITIES]))
    .addOption(new Option('--confidence <level>', 'report findings at or above this confidence').choices([...CONFIDENCES]))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES, 'none']))
    .option('--exit-zero', 'always exit 0 when the scan completes')
    .option('--ignore-nosec', 'report findings silenced by # nosec / # noqa too')
    .option('--max-file-size <bytes>', 'skip files larger than this (default 5 MB)', positiveInt('--max-file-size'))
    .option('-j, --jobs <n>', 'worker threads (default: the cores available)', positiveInt('--jobs'))
    .option('-c, --config <file>', 'configuration file (pyproject.toml, krait.toml or .bandit)')
    .option('--no-config', 'read no configuration file')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', 'write the findings of this scan as a baseline')
    .option('--online', 'allow network look-ups (OSV API) for dependencies')
    .option('--history', 'also audit every blob in the git history for secrets (removed secrets: rotate them)')
    .option('--since <rev>', 'with --history: only commits in REV..HEAD')
    .option('--all-refs', 'with --history: every branch and tag, not only HEAD')
    .option('--no-triage', 'report every pattern finding as bandit does: no verdicts, no dismissal, no merging of data-flow findings')
    .option('--show-dismissed', 'also list findings the reasoning layer dismissed (text; SARIF marks them suppressed)')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'more detail (traces, properties)')
    .option('-q, --quiet', 'no progress output');
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
    ...(f.history || f.since || f.allRefs ? { history: { ...(f.since ? { since: f.since } : {}), allRefs: !!f.allRefs } } : {}),
    triage: f.triage,
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

async function emit(report: Report, f: ScanFlags): Promise<number> {
  if (f.writeBaseline) writeBaseline(report, f.writeBaseline);
  const text = await writeReport(report, { format: f.format, output: f.output, color: useColor(f), verbose: f.verbose, lookupRule: ruleMeta, showDismissed: f.showDismissed });
  if (text !== undefined) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  else if (!f.quiet && f.output) process.stderr.write(`krait: ${f.format} report written to ${f.output}\n`);
  return exitCodeFor(report, f.failOn ?? 'low', !!f.exitZero);
}

/** Build the program; `run` receives the exit code of the command. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('krait')
    .description('Security auditor for Python projects: code, data flow, secrets, egress, dependencies, posture and statistics — offline.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run krait --help for usage)')
    .exitOverride();

  addScanOptions(program.command('scan', { isDefault: true }).description('full audit (the default command)')).action(async (paths: string[], f: ScanFlags) => {
    setExit(await emit(await scan(scanOptions(paths, f)), f));
  });

  addScanOptions(program.command('secrets').description('hardcoded secrets only')).action(async (paths: string[], f: ScanFlags) => {
    setExit(await emit(await scan(scanOptions(paths, f, ['secrets'])), f));
  });

  addScanOptions(program.command('deps').description('dependency audit only: manifests, lock files, advisories, typosquats'), ['table', ...REPORT_FORMATS])
    .action(async (paths: string[], f: ScanFlags) => {
      const report = await scan(scanOptions(paths, f, ['deps']));
      if ((f.format as string) === 'table' || (f.format === 'text' && !f.output)) {
        if (report.dependencies) process.stdout.write(renderDepsTable(report.dependencies) + '\n');
        for (const d of report.diagnostics) process.stderr.write(`krait: ${d.path}: ${d.message}\n`);
        setExit(exitCodeFor(report, f.failOn ?? 'low', !!f.exitZero));
        return;
      }
      setExit(await emit(report, f));
    });

  addScanOptions(program.command('stats').description('code statistics and cyclomatic complexity'), ['table', 'json', 'html', 'markdown']).action(async (paths: string[], f: ScanFlags) => {
    const report = await scan(scanOptions(paths, f, ['metrics']));
    const { renderStats } = await import('../metrics/index.js');
    if ((f.format as string) === 'table' || f.format === 'text') {
      process.stdout.write(renderStats(report, { color: useColor(f) }) + '\n');
    } else if (f.format === 'json') {
      // The statistics alone: per file and in total.
      const stats = { files: report.files.filter((x) => x.metrics).map((x) => ({ path: x.path, ...x.metrics })), total: report.metrics };
      process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
    } else {
      await emit(report, { ...f, exitZero: true });
    }
    setExit(0);
  });

  addScanOptions(program.command('routes').description('inventory of HTTP routes and CLI entry points, with auth and validation status'), ['table', 'json'])
    .action(async (paths: string[], f: ScanFlags) => {
      const report = await scan(scanOptions(paths, f, ['posture']));
      const { renderRoutes } = await import('../posture/index.js');
      if (f.format === 'json') process.stdout.write(JSON.stringify(report.posture?.routes ?? [], null, 2) + '\n');
      else process.stdout.write(renderRoutes(report.posture ?? { routes: [] }, { color: useColor(f) }) + '\n');
      setExit(0);
    });

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
      const meta = ruleMeta(args[0]!);
      if (!meta) throw new UsageError(`unknown rule "${args[0]}" (run krait rules to list them)`);
      process.stdout.write(renderExplain(meta));
      setExit(0);
    });

  const db = program.command('db').description('the vulnerability database');
  db.command('update')
    .description("download OSV's PyPI advisories into the user cache (needs network)")
    .action(async () => {
      const r = await updateDatabase({});
      process.stderr.write(`${r.message}\n`); // the message names `krait db update` itself
      setExit(r.ok ? 0 : 2);
    });
  db.command('info')
    .description('which advisory data a scan uses')
    .action(() => {
      const { db: database, note } = loadDatabase();
      process.stdout.write(
        `source: ${database.source}\ndate: ${database.date}\n${database.commit ? `commit: ${database.commit}\n` : ''}advisories: ${database.advisories.length}\nfile: ${database.path}\n${note ? note + '\n' : ''}`,
      );
      setExit(0);
    });
  return program;
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
