/**
 * `krait fix [PATHS]`: scan with the code rules, then apply the automatic fixes of the
 * active findings (see `pipeline/fix.ts`). As ruff: safe fixes by default, `--unsafe-fixes`
 * for the others, `--diff` prints a unified diff, writes nothing and exits 1 when there
 * is a change. Messages go to stderr, diffs to stdout.
 */
import { scan, UsageError, type ScanOptions } from '../pipeline/scan.js';
import { findRequiresPython, lowestPython, planFixes, unifiedDiff, type FixOptions } from '../pipeline/fix.js';
import { terminalSafe } from '../core/text.js';

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

/** Run `krait fix`; resolves to the exit code. */
export async function runFixCommand(paths: string[], f: FixFlags, options: ScanOptions): Promise<number> {
  let targetPython: string | undefined;
  let from = '';
  if (f.targetVersion) {
    if (!/^3\.\d+$/.test(f.targetVersion)) throw new UsageError(`--target-version must look like 3.9, got "${f.targetVersion}"`);
    targetPython = f.targetVersion;
    from = '--target-version';
  } else {
    const found = findRequiresPython(paths[0] ?? '.');
    if (found) {
      targetPython = lowestPython(found.spec);
      from = `requires-python "${found.spec}" in ${found.file}`;
    }
  }
  const report = await scan(options);
  const opts: FixOptions = { unsafe: !!f.unsafeFixes, targetPython };
  const files = planFixes(report.findings, opts);
  const say = (s: string) => {
    if (!f.quiet) process.stderr.write(s + '\n');
  };
  let applied = 0;
  let changedFiles = 0;
  let failed = 0;
  const skipped = new Map<string, number>();
  for (const file of files) {
    for (const o of file.outcomes) {
      if (o.result === 'applied') applied++;
      else if (o.result === 'unsafe') skipped.set('unsafe', (skipped.get('unsafe') ?? 0) + 1);
      else say(`krait: ${o.finding.location.path}:${o.finding.location.startLine} ${o.finding.ruleId}: ${o.message}`);
    }
    if (file.after === file.before) continue;
    if (f.diff) process.stdout.write(unifiedDiff(file));
    else {
      try {
        file.write();
      } catch (e) {
        // Refused (a link, a file changed since the scan) or unwritable: say so, fix the rest.
        say(`krait: ${terminalSafe((e as Error).message)}`);
        failed++;
        continue;
      }
    }
    changedFiles++;
  }
  const verb = f.diff ? 'would fix' : 'fixed';
  const unsafe = skipped.get('unsafe');
  say(
    `krait: ${verb} ${applied} finding${applied === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}` +
      (unsafe ? `; ${unsafe} more with --unsafe-fixes` : '') +
      (targetPython ? ` (target Python ${targetPython}, from ${from})` : ' (target Python 3.9 assumed: no requires-python found)'),
  );
  if (f.diff) return changedFiles ? 1 : 0;
  return failed ? 1 : 0;
}
