/**
 * The report model: what a scan returns (`scan()` in the library API, `--format json` on
 * the CLI). Each analysis owns the type of its own section, defined in its folder.
 */
import type { PackageVerdict } from '../rules/malicious/verdict.js';
import type { Finding } from '../core/finding.js';
import type { FileMetrics, ProjectMetrics } from '../metrics/types.js';
import type { FileEgress, EgressSummary } from '../egress/types.js';
import type { DependencyReport } from '../deps/types.js';
import type { EnvironmentAudit } from '../deps/installed.js';
import type { PostureReport, PythonSigns, Route } from '../posture/types.js';
import type { Score } from './score-types.js';
import type { TaintFacts } from '../taint/engine.js';
import type { FileDiagnostic, FileKind, SkippedFile } from '../core/file.js';

/**
 * Version of the JSON report schema (`schema/report.schema.json`), semver: a new optional
 * field bumps the minor version (1.1.0: `metrics.testing`, `metrics.hotspots`,
 * `metrics.hotspotThreshold`), a removed or changed field the major version.
 */
export const REPORT_SCHEMA_VERSION = '1.1.0';

/** Per-file result, plain and serialisable (crosses the worker boundary). */
export interface FileResult {
  path: string;
  kind: FileKind;
  findings: Finding[];
  diagnostics: FileDiagnostic[];
  /** Present for Python files that were parsed. */
  metrics?: FileMetrics;
  /** Present for Python files that were parsed. */
  egress?: FileEgress;
  /** HTTP routes and CLI entry points declared in a Python file (joined across files in the project pass). */
  routes?: Route[];
  /** Imports of a Python file: absolute module (relative ones resolved when the package is known), line. */
  imports?: { module: string; line: number; optional?: boolean }[];
  /** What a Python file's text tells the project-wide posture checks (see posture's `pythonSigns`); not in the report. */
  signs?: PythonSigns;
  /** Set when the file could not be analysed at all. */
  skipped?: string;
  /** What the data-flow analysis tells the project pass (cross-module flows); not in the report. */
  taint?: TaintFacts;
  /** Findings silenced by a comment in this file (status `suppressed`, with `suppression` set). */
  suppressed?: Finding[];
  /** Environment mode: the installed distribution whose record lists the file. */
  distribution?: { name: string; version: string };
}

/** A package fetched from an index for a `pypi:NAME[==VERSION]` target, and the files audited from it. */
export interface FetchedPackage {
  /** The target as given (`pypi:requests`, `pypi:requests==2.31.0`). */
  target: string;
  /** PEP 503 normalised project name. */
  name: string;
  /** The release fetched, as its file names write it. */
  version: string;
  /** The project page read (no credentials, no query). */
  index: string;
  /** The form of the page: PEP 691 JSON or PEP 503 HTML. */
  format: 'json' | 'html';
  /** Set when the release is yanked (PEP 592) and was fetched because it was asked for: the reason, or ''. */
  yanked?: string;
  /** The files downloaded, each checked against the index's hash before it was opened. */
  files: {
    filename: string;
    kind: 'sdist' | 'wheel';
    /** Where it was downloaded from (no credentials, no query). */
    url: string;
    /** SHA-256 of the bytes downloaded, hex. */
    sha256: string;
    bytes: number;
    /** Its display path in the report (the files inside are `<path>!/<entry>`). */
    path: string;
  }[];
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'krait'; version: string };
  /** ISO 8601 time the scan started. */
  startedAt: string;
  /** Wall time of the whole scan, milliseconds. */
  durationMs: number;
  /** The paths given to the scan, as given. */
  targets: string[];
  /** Files analysed, relative to their scan root, with per-file data. */
  files: Array<Omit<FileResult, 'findings' | 'suppressed'>>;
  skipped: SkippedFile[];
  diagnostics: FileDiagnostic[];
  /** All findings after suppression, baseline and thresholds, sorted (see compareFindings). */
  findings: Finding[];
  /** Findings silenced by `# nosec`/`# noqa`/allowlists (counted, not listed in full). */
  suppressedCount: number;
  /**
   * Findings the reasoning layer dismissed (status `dismissed`, each with its verdict):
   * left out of `findings`, the score, the exit code, SARIF results and the text list.
   */
  dismissed?: Finding[];
  /** Findings silenced by a comment, the allowlist or the baseline (status `suppressed`/`baselined`), listed when asked for. */
  suppressed?: Finding[];
  metrics?: ProjectMetrics;
  egress?: EgressSummary;
  dependencies?: DependencyReport;
  posture?: PostureReport;
  /** Installed environments given as targets (environment mode): the per-distribution table of each. */
  environments?: EnvironmentAudit[];
  /** Packages fetched from an index for `pypi:` targets (`--online` / `--index-url`). */
  fetched?: FetchedPackage[];
  /** Per-package verdicts from the malicious-package indicators (KR601–KR610, B613), when code rules ran. */
  packages?: PackageVerdict[];
  score?: Score;
  /** The list of checks that ran (for the NO_SECURITY_ISSUES output). */
  checksPerformed: string[];
}
