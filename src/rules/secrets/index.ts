/**
 * The secrets rules KR201–KR205, one file each. Each checks the secret candidates of one
 * file ({@link SecretFileFacts}, computed by `secretFacts` in src/secrets/) and reports the
 * candidates of its kind; `src/pipeline/secrets.ts` runs them in the worker, file by file.
 */
import type { ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFormat } from './kr201-secret-format.js';
import { secretAssignment } from './kr202-secret-assignment.js';
import { highEntropyString } from './kr203-high-entropy-string.js';
import { credentialInUrl } from './kr204-credential-in-url.js';
import { privateKey } from './kr205-private-key.js';

/** Every secrets rule, by id. */
export const SECRET_RULES: readonly ProjectRule<SecretFileFacts>[] = [
  secretFormat,
  secretAssignment,
  highEntropyString,
  credentialInUrl,
  privateKey,
];
