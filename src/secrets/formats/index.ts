/**
 * The credential format table: every detector krait knows by shape, as data.
 * Order matters only for ties: when two formats match the same span, the earlier wins
 * (specific providers come before the generic URL and header formats).
 */
import { CLOUD_FORMATS } from './cloud.js';
import { SOURCE_FORMATS } from './source.js';
import { PAYMENT_FORMATS } from './payment.js';
import { MESSAGING_FORMATS } from './messaging.js';
import { AI_FORMATS } from './ai.js';
import { MONITORING_FORMATS } from './monitoring.js';
import { REGISTRY_FORMATS } from './registry.js';
import { KEY_FORMATS, TOKEN_FORMATS } from './keys.js';
import { DATABASE_FORMATS } from './database.js';
import type { SecretFormat } from './types.js';

export type { SecretFormat, FormatGroup, FormatRuleId } from './types.js';
export { PEM_LABELS } from './keys.js';

/** All credential formats (≥ 150), in priority order. */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  ...KEY_FORMATS,
  ...CLOUD_FORMATS,
  ...SOURCE_FORMATS,
  ...AI_FORMATS,
  ...PAYMENT_FORMATS,
  ...MESSAGING_FORMATS,
  ...MONITORING_FORMATS,
  ...REGISTRY_FORMATS,
  ...TOKEN_FORMATS,
  ...DATABASE_FORMATS,
];

/** Look a format up by id. */
export function formatById(id: string): SecretFormat | undefined {
  return SECRET_FORMATS.find((f) => f.id === id);
}
