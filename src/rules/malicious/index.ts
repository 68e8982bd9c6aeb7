/**
 * The malicious-package indicators (KR601–KR609): what a package does when it is
 * installed or imported that honest packages do not — download and run, run hidden
 * payloads, send secrets out, leave hidden processes, open shells, rewrite the clipboard,
 * disguise names, imitate popular projects. `verdict.ts` combines them per package.
 */
import type { CodeRule } from '../../core/rule.js';
import { downloadAndExecute } from './kr601-download-and-execute.js';
import { obfuscatedCodeExecution } from './kr602-obfuscated-code-execution.js';
import { dataExfiltration } from './kr603-data-exfiltration.js';
import { detachedSilentProcess } from './kr604-detached-silent-process.js';
import { reverseShell } from './kr605-reverse-shell.js';
import { clipboardHijack } from './kr606-clipboard-hijack.js';
import { loadTimeActivity } from './kr607-load-time-activity.js';
import { confusableIdentifier } from './kr608-confusable-identifier.js';

export const MALICIOUS_CODE_RULES: readonly CodeRule[] = [
  downloadAndExecute,
  obfuscatedCodeExecution,
  dataExfiltration,
  detachedSilentProcess,
  reverseShell,
  clipboardHijack,
  loadTimeActivity,
  confusableIdentifier,
];
