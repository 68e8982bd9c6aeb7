/**
 * What every manifest / lock-file parser returns, and small helpers they share.
 */
import type { FileDiagnostic } from '../../core/file.js';
import type { PackageIndex, Requirement, RequirementSource } from '../types.js';

/** The outcome of parsing one manifest or lock file (plus any file it includes). */
export interface ManifestResult {
  /** Format name, e.g. `requirements`, `pyproject`, `poetry-lock` (also on each requirement). */
  format: string;
  /** True for lock files (exact, resolved versions of the whole tree). */
  isLock: boolean;
  requirements: Requirement[];
  indexes: PackageIndex[];
  diagnostics: FileDiagnostic[];
  /** `--require-hashes` was given (requirements files). */
  requireHashes?: boolean;
  /** Files read besides this one (`-r`/`-c` includes), relative paths. */
  included?: string[];
  /**
   * Local paths the file names but krait never opens (lock `path =`/`directory`/`editable`
   * sources): checked by the caller to stay inside the scan root.
   */
  localSources?: { target: string; path: string; line: number; what: string }[];
}

/** A file to parse: its path relative to the scan root (as reported), absolute path and text. */
export interface ManifestFile {
  path: string;
  absPath: string;
  text: string;
}

export function emptyResult(format: string, isLock = false): ManifestResult {
  return { format, isLock, requirements: [], indexes: [], diagnostics: [] };
}

export function sourceAt(file: ManifestFile, format: string, line: number, endLine = line): RequirementSource {
  return { path: file.path, line: Math.max(1, line), endLine: Math.max(1, endLine, line), format };
}

export function parseError(file: ManifestFile, message: string, line?: number): FileDiagnostic {
  const d: FileDiagnostic = { path: file.path, kind: 'parse-error', message };
  if (line !== undefined) d.line = line;
  return d;
}

/** True when a URL is plain `http:` (not localhost). */
export function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url) && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(\/|$)/i.test(url);
}

/** The default index, which is not an "extra" source. */
export function isPypi(url: string): boolean {
  return /^https?:\/\/(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)(\/|$)/i.test(url.trim());
}
