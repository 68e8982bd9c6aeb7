/**
 * The project pass after the per-file work: project-wide summaries (statistics, egress)
 * and project-level checks (posture).
 */
import type { Finding } from '../core/finding.js';
import type { FileResult, Report } from '../report/model.js';
import type { FileDiagnostic } from '../core/file.js';
import type { Discovery } from './discover/walk.js';
import type { ScanAnalysis } from './analyses.js';
import { aggregateMetrics } from '../metrics/index.js';
import { HOTSPOT_THRESHOLD, complexityHotspots, testingSummary } from '../metrics/quality.js';
import { summarizeEgress } from '../egress/index.js';
import { analyzePosture } from './posture.js';
import { attachProofs } from '../posture/proof.js';
import type { EnvGitStatus, PythonSigns } from '../posture/index.js';
import type { TestingSummary } from '../metrics/types.js';

/**
 * What the project pass would read outside the files a merge of shards rebuilds
 * (pipeline/shard.ts): each shard records it from its checkout.
 */
export interface RecordedProjectFacts {
  /** Git's view of every `.env` file, by display path. */
  envGitStatus: ReadonlyMap<string, EnvGitStatus>;
  /** Top-level names the code imports that are the project's own folders or modules (deps `firstPartyFolders`). */
  firstParty: string[];
  /** The line coverage report found in a scan root. */
  coverage?: TestingSummary['coverage'];
}

/**
 * Fill the report's project sections (`metrics`, `egress`, `posture`) from the per-file
 * results. Project-level findings are appended to `findings`, and diagnostics about files
 * the project checks could not read or parse to `diagnostics`. `maxFileSize` (bytes) caps
 * what the posture checks read. Never throws for bad input files.
 */
export async function aggregateProject(
  report: Report,
  files: FileResult[],
  disc: Discovery,
  analyses: Set<ScanAnalysis>,
  findings: Finding[],
  diagnostics: FileDiagnostic[],
  maxFileSize: number,
  recorded?: RecordedProjectFacts,
): Promise<void> {
  if (analyses.has('metrics')) {
    report.metrics = aggregateMetrics(files, disc.localModules);
    report.metrics.testing = testingSummary(files, recorded ? [] : disc.roots);
    if (recorded?.coverage) report.metrics.testing.coverage = recorded.coverage;
    report.metrics.hotspots = complexityHotspots(files, HOTSPOT_THRESHOLD);
    report.metrics.hotspotThreshold = HOTSPOT_THRESHOLD;
  }
  if (analyses.has('egress')) report.egress = summarizeEgress(files);
  if (analyses.has('posture')) {
    const posture = await analyzePosture({
      roots: disc.roots,
      files: disc.files.map((f) => ({ path: f.path, absPath: f.absPath, kind: f.kind })),
      routes: files.flatMap((f) => f.routes ?? []),
      signs: signsOf(files),
      maxFileSize,
      ...(recorded ? { envGitStatus: recorded.envGitStatus } : {}),
    });
    for (const f of posture.findings) findings.push(f);
    for (const d of posture.diagnostics) diagnostics.push(d);
    report.posture = posture.report;
    attachProofs(findings, posture.report.routes);
  }
}

/**
 * The posture signs the per-file pass read in the Python files it analysed, by display
 * path; posture reads the others (skipped, past the time budget) itself.
 */
function signsOf(files: readonly FileResult[]): Map<string, PythonSigns> {
  const out = new Map<string, PythonSigns>();
  for (const f of files) if (f.signs) out.set(f.path, f.signs);
  return out;
}
