/**
 * KR355 compose-secret-in-environment: a compose `environment:` entry giving a credential-named variable
 * a literal value.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { literalSecret } from '../../posture/index.js';
import { maskSecret } from '../../core/mask.js';
import { projectFinding } from './finding.js';

export const composeSecretInEnvironment: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR355', name: 'compose-secret-in-environment', category: 'config', severity: 'high', confidence: 'medium', cwe: [260, 798],
  docs: {
    what: 'Flags compose `environment:` entries that give a credential-named variable a literal value (not `${VAR}` interpolation).',
    why: 'Compose files are committed and shared; a password written there is published with the repository and visible to `docker inspect` (CWE-260 password in configuration file).',
    example: 'environment:\n  - DB_PASSWORD=Sup3rS3cret',
    instead: 'environment:\n  - DB_PASSWORD=${DB_PASSWORD}   # from an ignored .env\n# or compose secrets: and *_FILE variables',
    references: ['https://cwe.mitre.org/data/definitions/260.html', 'https://docs.docker.com/compose/how-tos/use-secrets/'],
  },
  check(facts, ctx) {
    const rule = composeSecretInEnvironment;
    for (const c of facts.composeFiles) {
      for (const svc of c.services) {
        for (const e of svc.environment) {
          const secret = literalSecret(e.name, e.value);
          if (!secret) continue;
          ctx.report(projectFinding(rule, c.path, c.lines, e.line, `Service ${svc.name} sets ${e.name} to a literal credential (${maskSecret(secret)}) in the compose file.`, { secret, fix: `${e.name}: \${${e.name}}  # from an ignored .env, or use compose secrets with ${e.name}_FILE` }));
        }
      }
    }
  },
});
