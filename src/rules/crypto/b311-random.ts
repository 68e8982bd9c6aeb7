import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B311 (bandit `random`, call blacklist): Flags the `random` module's generators (`random.random`, `randint`, `choice`, `Random`…). */
export const insecureRandom = defineRule({
  id: 'B311',
  name: 'random',
  category: 'code',
  severity: 'low',
  confidence: 'high',
  cwe: [330],
  docs: {
    what: 'Flags the `random` module\'s generators (`random.random`, `randint`, `choice`, `Random`…).',
    why: '`random` is a Mersenne Twister: its output can be predicted after observing a few values, so tokens, passwords or keys made from it can be guessed (CWE-338).',
    example: 'token = "".join(random.choice(ALPHABET) for _ in range(32))',
    instead: 'token = secrets.token_urlsafe(32)',
    references: [
      'https://cwe.mitre.org/data/definitions/338.html',
      'https://docs.python.org/3/library/random.html',
      'https://docs.python.org/3/library/secrets.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b311-random',
    ],
  },
  visit: { Call: callBlacklistVisitor('B311', 'For anything security-related use the secrets module (secrets.token_urlsafe, secrets.choice) or random.SystemRandom.') },
});
