/**
 * KR202 secret-assignment: a literal bound to a credential name (assignment, keyword argument, dict
 * entry, comparison, getenv default, config key); in documentation lines it is taken for example code.
 * The candidates are found by the secrets analysis (src/secrets/scan.ts); this rule
 * words its findings.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFinding } from './finding.js';

const FIX = 'Read the value from the environment or a secrets manager (os.environ["NAME"]); never ship a default. Mark test data with `# pragma: allowlist secret`.';

export const secretAssignment: ProjectRule<SecretFileFacts> = defineProjectRule<SecretFileFacts>({
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
  check(facts, ctx) {
    for (const c of facts.candidates) {
      if (c.ruleId !== 'KR202') continue;
      ctx.report(secretFinding(secretAssignment, facts, c, {
        message: `Hardcoded ${c.formatId.replace('generic-', '')} in '${c.label}' (${c.masked})${c.encoding ? ', base64-encoded' : ''}; read it from the environment or a secret store`,
        fix: FIX,
        formatName: `generic ${c.formatId.replace('generic-', '')}`,
        inDocumentation: !!facts.documentationLines?.has(c.startLine),
      }));
    }
  },
});
