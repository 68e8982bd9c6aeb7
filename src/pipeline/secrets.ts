/**
 * The secrets scan of one file: the secrets analysis finds the candidates
 * (`secretFacts`, src/secrets/), the secrets rules KR201–KR205 (src/rules/secrets/) turn
 * the candidates of their kind into findings, and the suppressions (comments, allowlist)
 * are applied. Runs in the worker for every file, and on git history blobs.
 */
import type { Finding } from '../core/finding.js';
import { secretFacts, settleSecretFindings, type SecretsInput, type SecretsResult } from '../secrets/index.js';
import { SECRET_RULES } from '../rules/secrets/index.js';
import { runProjectRules } from '../core/project-rules.js';

export type { SecretsInput, SecretsResult } from '../secrets/index.js';

/**
 * Scan one file for hardcoded secrets; findings (in file order) and suppressed findings.
 * Never throws on bad input (unparsable notebooks are read as text).
 */
export function scanSecrets(input: SecretsInput): SecretsResult {
  const facts = secretFacts(input);
  if (facts.candidates.length === 0) return { findings: [], suppressed: [] };
  const found: Finding[] = [];
  runProjectRules(SECRET_RULES, facts, found);
  // Rule by rule → file order (the order of the candidates).
  found.sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
  return settleSecretFindings(facts, found);
}

/**
 * Hardcoded secrets in one file's text (any kind: Python, .env, YAML, JSON, TOML, INI,
 * Dockerfile, compose, notebook, shell). Returns findings with masked snippets and
 * hashed fingerprints; suppressed findings are left out (see {@link scanSecrets}).
 */
export function detectSecrets(input: SecretsInput): Finding[] {
  return scanSecrets(input).findings;
}
