/**
 * The secrets rules: metadata and documentation that `krait rules`, `krait explain` and
 * the reports read. Which finding a rule reports is decided in `scan.ts`.
 */
import type { RuleMeta } from '../core/rule-meta.js';

export type SecretRuleId = 'KR201' | 'KR202' | 'KR203' | 'KR204' | 'KR205';

/** Secrets rule metadata by id (default severity/confidence; findings may differ). */
export const SECRET_RULES: readonly (RuleMeta & { id: SecretRuleId })[] = [
  {
    id: 'KR201',
    name: 'secret-format',
    category: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: [798],
    docs: {
      what: 'Finds credentials whose shape identifies the provider: AWS access keys (AKIA…), GitHub tokens (ghp_…), Stripe keys (sk_live_…), Slack tokens (xox…), OpenAI and Anthropic keys, JWTs and 150+ other formats (see `SECRET_FORMATS`). The message names the format.',
      why: 'A credential committed to source is readable by everyone with the repository, its forks, its packages and its history. Attackers scan public code for these prefixes within minutes of a push; a leaked key gives the access of its owner until it is revoked.',
      example: 'client = Github("ghp_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")',
      instead: 'import os\nclient = Github(os.environ["GITHUB_TOKEN"])  # and revoke the leaked token',
      references: [
        'https://cwe.mitre.org/data/definitions/798.html',
        'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
        'https://github.com/gitleaks/gitleaks',
        'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
      ],
    },
  },
  {
    id: 'KR202',
    name: 'secret-assignment',
    category: 'secrets',
    severity: 'medium',
    confidence: 'medium',
    cwe: [798, 259],
    docs: {
      what: 'Finds a literal bound to a name that says it is a credential — `password`, `passwd`, `secret`, `token`, `api_key`, `client_secret`, `credentials`… — in assignments, keyword arguments, dict entries, comparisons, `os.getenv(NAME, "default")` fallbacks and config keys (.env, YAML, TOML, INI, JSON, Dockerfile ENV). Placeholders (`changeme`, `<your-key>`, `${VAR}`, empty) are not reported; stand-ins like `test` or `admin`, values in test files, and matches in Python docstrings and comment-only lines (example code) are reported low.',
      why: 'A password or key in code is shared with every reader of the code and cannot be rotated without a release. Default fallbacks are the same leak: the "temporary" value ends up in production when the variable is unset.',
      example: 'DATABASES = {"default": {"PASSWORD": "Tr0ub4dor&3"}}\nsmtp.login("alerts", password="Tr0ub4dor&3")',
      instead: 'DATABASES = {"default": {"PASSWORD": os.environ["DB_PASSWORD"]}}\nsmtp.login("alerts", password=os.environ["SMTP_PASSWORD"])',
      references: [
        'https://cwe.mitre.org/data/definitions/259.html',
        'https://cwe.mitre.org/data/definitions/798.html',
        'https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html',
      ],
    },
  },
  {
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
  },
  {
    id: 'KR204',
    name: 'credential-in-url',
    category: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 259],
    docs: {
      what: 'Finds passwords embedded in URLs and connection strings: `postgres://user:pass@host`, `mongodb+srv://…`, `redis://:pass@…`, `amqp://…`, index URLs for pip, ODBC `Pwd=…;` and JDBC `password=` parameters, `https://x-access-token:…@`.',
      why: 'Connection strings travel: they are logged, shown in error messages and tracebacks, copied into CI settings and packaged with the application. The password in them is a database or service credential.',
      example: 'engine = create_engine("postgresql://app:S3cr3t-Pw@db.internal/app")',
      instead: 'engine = create_engine(os.environ["DATABASE_URL"])  # or URL.create(password=os.environ["DB_PASSWORD"], ...)',
      references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cwe.mitre.org/data/definitions/259.html', 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1'],
    },
  },
  {
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
  },
];

/** Metadata of one secrets rule. */
export function secretRule(id: SecretRuleId): RuleMeta & { id: SecretRuleId } {
  const r = SECRET_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`unknown secrets rule ${id}`);
  return r;
}
