/**
 * KR201 secret-format: a credential whose shape identifies its provider (AWS, GitHub, Stripe, Slack,
 * OpenAI… keys, JWTs: the format table in src/secrets/formats/).
 * The candidates are found by the secrets analysis (src/secrets/scan.ts); this rule
 * words its findings.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { SecretFileFacts } from '../../secrets/index.js';
import { secretFinding } from './finding.js';

const FIX = 'Load the credential at run time (os.environ["NAME"] or a secrets manager), rotate the exposed one, and purge it from history.';

export const secretFormat: ProjectRule<SecretFileFacts> = defineProjectRule<SecretFileFacts>({
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
  check(facts, ctx) {
    for (const c of facts.candidates) {
      if (c.ruleId !== 'KR201') continue;
      ctx.report(secretFinding(secretFormat, facts, c, {
        message: `${c.label} hardcoded (${c.masked}); move it out of the code and revoke it`,
        fix: FIX,
        formatName: c.label,
      }));
    }
  },
});
