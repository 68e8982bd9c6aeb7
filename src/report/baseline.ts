/**
 * Baselines: `krait scan --write-baseline FILE` records the fingerprints of today's
 * findings; `--baseline FILE` then reports only findings whose fingerprint is not in it.
 * Fingerprints (`core/fingerprint.ts`) hash the rule id, the path and the flagged
 * line's text, not its number, so they survive edits that only move code around.
 *
 * The file is JSON holding fingerprints, rule ids and paths only — never snippets,
 * messages or secret text — so it is safe to commit.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFileSafely } from '../core/safe-write.js';
import type { Finding } from '../core/finding.js';
import type { Report } from './model.js';

export const BASELINE_VERSION = 1;

export interface BaselineFile {
  krait: 'baseline';
  version: typeof BASELINE_VERSION;
  /** When the baselined scan started (the report's `startedAt`). */
  createdAt: string;
  /** Sorted by path, rule id, fingerprint. */
  findings: { fingerprint: string; ruleId: string; path: string }[];
}

function errMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String((e as Error)?.message ?? e);
}

/** The baseline of a report (see {@link BaselineFile}). */
export function baselineOf(report: Report): BaselineFile {
  const findings = report.findings
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { krait: 'baseline', version: BASELINE_VERSION, createdAt: report.startedAt, findings };
}

/**
 * Write the baseline of `report` to `file` (parent directories created; written to a
 * temporary file then renamed; a symbolic link at `file` is refused: `safe-write.ts`). Throws an Error with a one-line message when the path is
 * a directory or cannot be written.
 */
export function writeBaseline(report: Report, file: string): void {
  try {
    let isDir = false;
    try {
      isDir = statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      isDir = false; // e.g. ENOTDIR: the write below reports it
    }
    if (isDir) {
      throw new Error(`${file} is a directory; give a file path for the baseline`);
    }
    writeFileSafely(file, JSON.stringify(baselineOf(report), null, 2) + '\n', 'baseline');
  } catch (e) {
    if (e instanceof Error && !(e as NodeJS.ErrnoException).code) throw new Error(`cannot write baseline: ${e.message}`);
    throw new Error(`cannot write baseline ${file}: ${errMessage(e)}`);
  }
}

/**
 * Read a baseline file and return its fingerprints. Also accepts a krait JSON report
 * (`--format json` output), whose findings carry fingerprints. Throws an Error with a
 * one-line message when the file is missing, unreadable, not JSON, or of another shape.
 */
export function loadBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read baseline ${file}: ${errMessage(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`baseline ${file} is not valid JSON; write one with krait scan --write-baseline ${file}`);
  }
  const list = (data as { findings?: unknown })?.findings;
  if (!data || typeof data !== 'object' || !Array.isArray(list)) {
    throw new Error(`baseline ${file} has no "findings" list; write one with krait scan --write-baseline ${file}`);
  }
  const version = (data as { version?: unknown }).version;
  if ((data as { krait?: unknown }).krait === 'baseline' && version !== BASELINE_VERSION) {
    throw new Error(`baseline ${file} has version ${String(version)}; this krait reads version ${BASELINE_VERSION}`);
  }
  const out = new Set<string>();
  for (const item of list) {
    const fp = (item as { fingerprint?: unknown })?.fingerprint;
    if (typeof fp === 'string' && fp) out.add(fp);
  }
  return out;
}

/** The findings whose fingerprint is not in the baseline (order kept). */
export function applyBaseline(findings: readonly Finding[], baseline: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => !baseline.has(f.fingerprint));
}
