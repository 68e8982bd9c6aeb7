/**
 * What the reasoning-layer round tests share: a scan of a small project that keeps the
 * dismissed findings, and readers of its findings by rule, file and line.
 */
import type { Finding } from '../../src/core/finding.js';
import { scanProject } from './scan-project.js';

/** A scanner of small projects (file name → source) whose temporary folders start with `prefix`; dismissed findings included. */
export const projectScanner =
  (prefix: string) =>
  (files: Record<string, string>): Promise<Finding[]> =>
    scanProject(files, { prefix, dismissed: true });

/** Source text from lines (with the final newline). */
export const lines = (...xs: string[]): string => `${xs.join('\n')}\n`;

/** Whether a user sees the finding by default (not dismissed, suppressed or baselined). */
export const active = (f: Finding): boolean => (f.status ?? 'active') === 'active';

/** The active findings of a rule in a file (at a line, when given). */
export const at = (all: Finding[], rule: string, file: string, line?: number): Finding[] =>
  all.filter((x) => x.ruleId === rule && x.location.path === file && (line === undefined || x.location.startLine === line) && active(x));

/** The verdict kind of the finding of a rule at a file's line, whatever its status. */
export const verdictOf = (all: Finding[], rule: string, file: string, line: number): string | undefined =>
  all.find((x) => x.ruleId === rule && x.location.path === file && x.location.startLine === line)?.verdict?.kind;
