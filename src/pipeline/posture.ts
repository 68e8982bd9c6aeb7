/**
 * The posture part of the project pass: the posture analysis computes its facts
 * (`postureFacts`, src/posture/) and the project rules KR309, KR340–KR345 and
 * KR350–KR358 (src/rules/project/) turn them into findings.
 */
import type { Finding } from '../core/finding.js';
import type { FileDiagnostic } from '../core/file.js';
import { postureFacts, type PostureInput, type PostureReport } from '../posture/index.js';
import { POSTURE_PROJECT_RULES } from '../rules/project/index.js';
import { runProjectRules } from '../core/project-rules.js';

/** Findings of the posture project rules, the posture report section, and diagnostics about unreadable files. */
export interface PostureResult {
  findings: Finding[];
  report: PostureReport;
  diagnostics: FileDiagnostic[];
}

/**
 * Run the project-level posture checks and build the posture report. Never throws for bad
 * input files: unreadable or unparsable files become diagnostics and the other checks go on.
 */
export async function analyzePosture(input: PostureInput): Promise<PostureResult> {
  const { facts, report, diagnostics } = await postureFacts(input);
  const findings: Finding[] = [];
  runProjectRules(POSTURE_PROJECT_RULES, facts, findings);
  return { findings, report, diagnostics };
}
