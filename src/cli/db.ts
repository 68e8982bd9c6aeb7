/**
 * `krait db info` and `krait db update [--from FILE|DIR]`: which advisory data scans use
 * (source, date, age, file), and refreshing it — downloaded, or offline from an OSV
 * export on disk. Exit codes: 0 done, 2 the update failed (one line, data unchanged).
 */
import type { Command } from 'commander';
import { STALE_ADVISORY_DAYS, STORED_DB_NAME, ageInDays, defaultDataDir, loadDatabase } from '../deps/database.js';
import { advisoryAgeText } from '../report/summary.js';
import { terminalSafe } from '../core/text.js';

/**
 * The text of `krait db info`: the data scans use (source, date and age in days — with a
 * warning past 30 days —, commit, count, file), where `krait db update` stores data, and
 * why the stored data is not used when it is not.
 * @param now "now" for the age (tests fix it).
 */
export function renderDbInfo(now: Date = new Date(), dataDir: string = defaultDataDir()): string {
  const { db, note } = loadDatabase({ dataDir });
  const ageDays = ageInDays(db.date, now);
  const age = advisoryAgeText({ date: db.date, ...(ageDays === undefined ? {} : { ageDays }), stale: ageDays !== undefined && ageDays > STALE_ADVISORY_DAYS });
  const lines = [
    `source: ${terminalSafe(db.source)}`,
    `date: ${age.replace(/^of /, '')}`,
    ...(db.commit ? [`commit: ${terminalSafe(db.commit)}`] : []),
    `advisories: ${db.advisories.length}`,
    `file: ${terminalSafe(db.path)}`,
    `data directory: ${terminalSafe(dataDir)} (${STORED_DB_NAME} there is used when newer than the embedded snapshot; KRAIT_DATA_DIR sets it)`,
    ...(note ? [terminalSafe(note)] : []),
  ];
  return lines.join('\n') + '\n';
}

/** Add the `db` command and its subcommands to `program`; `setExit` receives the exit code. */
export function addDbCommands(program: Command, setExit: (code: number) => void): void {
  const db = program.command('db').description('the vulnerability database');
  db.command('update')
    .description(`refresh the advisory data in the user's data directory: download OSV's PyPI export, or --from a copy on disk (offline)`)
    .option('--from <path>', "an OSV export on disk: the PyPI all.zip, or a folder of OSV JSON files")
    .action(async (f: { from?: string }) => {
      // The OSV import (zip reader included) is loaded only by this command.
      const { updateDatabase } = await import('../deps/update.js');
      const r = await updateDatabase(f.from !== undefined ? { from: f.from } : {});
      process.stderr.write(`${terminalSafe(r.message)}\n`); // the message names `krait db update` itself
      setExit(r.ok ? 0 : 2);
    });
  db.command('info')
    .description('which advisory data a scan uses, its date and age')
    .action(() => {
      process.stdout.write(renderDbInfo());
      setExit(0);
    });
}

