/**
 * Scan a small project written to a temporary folder (file path → text) with the code
 * rules, one job, no configuration; findings with paths relative to the project.
 */
import path from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { scan } from '../../src/pipeline/scan.js';
import { tempProject } from './temp-project.js';

/** The active findings, and with `dismissed` the dismissed ones too. Call `cleanTempDirs()` in the test file. */
export async function scanProject(files: Record<string, string>, opts: { dismissed?: boolean; prefix?: string } = {}): Promise<Finding[]> {
  const root = tempProject(files, opts.prefix ?? 'krait-scan-');
  const report = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'] });
  const all = opts.dismissed ? [...report.findings, ...(report.dismissed ?? [])] : report.findings;
  return all.map((f) => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } }));
}
