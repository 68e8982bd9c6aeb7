import type { Finding } from '../findings.js';
import type { FileDiagnostic, FileKind } from '../model.js';
import type { DependencyReport } from './types.js';

/** What the dependency audit gets from the scan. */
export interface DependencyInput {
  /** Scan roots (absolute). */
  roots: string[];
  /** Manifest and lock files found by discovery (`path` relative to its root, as in findings). */
  files: { path: string; absPath: string; kind: FileKind }[];
  /** Every import of the scanned Python code (absolute module names, first segment matters most). */
  imports: { module: string; path: string; line: number }[];
  /** Modules that are local to the scanned project (top-level package/module names). */
  localModules: string[];
  /** May ask the OSV API. */
  online: boolean;
}

/**
 * Audit manifests, lock files and imports against the embedded advisory database.
 * STUB: replaced by the dependency analysis.
 */
export async function analyzeDependencies(
  _input: DependencyInput,
): Promise<{ findings: Finding[]; report: DependencyReport; diagnostics: FileDiagnostic[] }> {
  return { findings: [], report: { database: { source: 'none', date: '', advisories: 0 }, requirements: [] }, diagnostics: [] };
}
