import type { Finding } from '../findings.js';
import type { FileKind } from '../model.js';

/**
 * Hardcoded secrets in one file's text (any kind: Python, .env, YAML, JSON, TOML, INI,
 * Dockerfile, compose, notebook, shell). Returns findings with masked snippets.
 * STUB: replaced by the secrets analysis.
 */
export function detectSecrets(_input: { path: string; kind: FileKind; text: string }): Finding[] {
  return [];
}
