/**
 * KR204 credential-in-url: a password in a URL or connection string.
 * The candidates are found by the secrets analysis (src/secrets/scan.ts); this rule
 * words its findings.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFinding } from './finding.js';

const FIX = 'Build the URL from parts at run time (e.g. URL.create(password=os.environ["DB_PASSWORD"])) or read the whole URL from the environment.';

export const credentialInUrl: ProjectRule<SecretFileFacts> = defineProjectRule<SecretFileFacts>({
  id: 'KR204',
  name: 'credential-in-url',
  category: 'secrets',
  severity: 'high',
  confidence: 'high',
  cwe: [798, 259],
  docs: {
    what: 'Finds passwords embedded in URLs and connection strings: `postgres://user:pass@host`, `mongodb+srv://…`, `redis://:pass@…`, `amqp://…`, index URLs for pip, ODBC `Pwd=…;`, PostgreSQL keyword/value `password=…` and JDBC `password=` parameters, `https://x-access-token:…@`.',
    why: 'Connection strings travel: they are logged, shown in error messages and tracebacks, copied into CI settings and packaged with the application. The password in them is a database or service credential.',
    example: 'engine = create_engine("postgresql://app:S3cr3t-Pw@db.internal/app")',
    instead: 'engine = create_engine(os.environ["DATABASE_URL"])  # or URL.create(password=os.environ["DB_PASSWORD"], ...)',
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cwe.mitre.org/data/definitions/259.html', 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1'],
  },
  check(facts, ctx) {
    for (const c of facts.candidates) {
      if (c.ruleId !== 'KR204') continue;
      ctx.report(secretFinding(credentialInUrl, facts, c, {
        // (No `password: value` shape in the message: the report's redaction would read the mask as a value to mask.)
        message: `${c.label} (${c.masked}) written in the source; pass credentials separately, from the environment`,
        fix: FIX,
        formatName: c.label,
      }));
    }
  },
});
