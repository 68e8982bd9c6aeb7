/**
 * The project pass after the per-file work: project-wide summaries (statistics, egress)
 * and project-level checks (posture).
 */
import type { Finding } from '../findings.js';
import type { FileResult, Report } from '../model.js';
import type { Discovery } from '../discover/walk.js';
import type { ScanAnalysis } from './scan.js';

/** Fill the report's project sections; project-level findings are appended to `findings`. */
export async function aggregateProject(
  _report: Report,
  _files: FileResult[],
  _disc: Discovery,
  _analyses: Set<ScanAnalysis>,
  _findings: Finding[],
): Promise<void> {
  // Wired as the statistics, egress and posture analyses land.
}
