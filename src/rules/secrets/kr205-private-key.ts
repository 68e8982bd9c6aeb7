/**
 * KR205 private-key: a private key (PEM block, SSH2/PuTTY key file, JWK private member), on its own
 * lines or inside strings.
 * The candidates are found by the secrets analysis (src/secrets/scan.ts); this rule
 * words its findings.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFinding } from './finding.js';

const FIX = 'Remove the key from the repository, load it from a file path or secret store given by configuration, and generate a new key pair.';

export const privateKey: ProjectRule<SecretFileFacts> = defineProjectRule<SecretFileFacts>({
  id: 'KR205',
  name: 'private-key',
  category: 'secrets',
  severity: 'critical',
  confidence: 'high',
  cwe: [321, 798],
  docs: {
    what: 'Finds private keys: PEM blocks (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8, PGP), SSH2 and PuTTY key files and JWK private members, whether on their own lines, in triple-quoted or concatenated Python strings, in YAML block scalars or in JSON with `\\n` escapes (service-account files).',
    why: 'A private key lets anyone impersonate its owner: sign tokens and packages, decrypt traffic, log in over SSH. Unlike a password it is often trusted for years.',
    example: 'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA…\n-----END RSA PRIVATE KEY-----"""',
    instead: 'KEY = Path(os.environ["SIGNING_KEY_FILE"]).read_bytes()  # keep the key out of the repository',
    references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://cwe.mitre.org/data/definitions/798.html', 'https://www.rfc-editor.org/rfc/rfc7468'],
  },
  check(facts, ctx) {
    for (const c of facts.candidates) {
      if (c.ruleId !== 'KR205') continue;
      ctx.report(secretFinding(privateKey, facts, c, {
        message: `${c.label} embedded in the file (${c.masked}); keep keys out of the repository and rotate it`,
        fix: FIX,
        formatName: c.label,
      }));
    }
  },
});
