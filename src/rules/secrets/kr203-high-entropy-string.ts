/**
 * KR203 high-entropy-string: a random-looking base64 or hex literal; in documentation lines it is taken
 * for example code.
 * The candidates are found by the secrets analysis (src/secrets/scan.ts); this rule
 * words its findings.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFinding } from './finding.js';

const FIX = 'If this is a secret, load it at run time; if it is test data or a hash, mark it with `# pragma: allowlist secret`.';

export const highEntropyString: ProjectRule<SecretFileFacts> = defineProjectRule<SecretFileFacts>({
  id: 'KR203',
  name: 'high-entropy-string',
  category: 'secrets',
  severity: 'medium',
  confidence: 'low',
  cwe: [798],
  docs: {
    what: 'Finds string literals and config values that look random: base64 of 24+ characters with upper, lower case and digits and Shannon entropy near the maximum for their length (medium), or hex of 32+ characters (low, as hex is usually a hash). Base64 values that decode to a known credential format are reported as that format.',
    why: 'Most secrets without a known prefix (signing keys, webhook secrets, internal API keys) are random strings. Entropy finds them where no name says "secret".',
    example: 'HMAC_SALT = "q8Zr2LwX0pVt7NkYb3Hs9JdF4mQe6Ug1"',
    instead: 'HMAC_SALT = os.environ["HMAC_SALT"]  # or mark test data with `# pragma: allowlist secret`',
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://github.com/Yelp/detect-secrets#plugins'],
  },
  check(facts, ctx) {
    for (const c of facts.candidates) {
      if (c.ruleId !== 'KR203') continue;
      ctx.report(secretFinding(highEntropyString, facts, c, {
        message: `High-entropy ${c.label} (${(c.entropy ?? 0).toFixed(1)} bits/char, ${c.secret.length} chars) may be a secret (${c.masked})`,
        fix: FIX,
        formatName: c.label,
        inDocumentation: !!facts.documentationLines?.has(c.startLine),
      }));
    }
  },
});
