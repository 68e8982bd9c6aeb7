/**
 * KR356 compose-privileged: a compose service with `privileged: true`.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const composePrivileged: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR356', name: 'compose-privileged', category: 'config', severity: 'high', confidence: 'high', cwe: [250],
  docs: {
    what: 'Flags compose services with `privileged: true`.',
    why: 'A privileged container has every capability and all host devices; escaping to the host is trivial (CWE-250).',
    example: 'privileged: true',
    instead: 'cap_add: [NET_ADMIN]  # only the capability the service needs',
    references: ['https://cwe.mitre.org/data/definitions/250.html', 'https://docs.docker.com/reference/compose-file/services/#privileged'],
  },
  check(facts, ctx) {
    const rule = composePrivileged;
    for (const c of facts.composeFiles) {
      for (const svc of c.services) {
        for (const s of svc.settings) {
          if (s.key === 'privileged' && (s.value === true || s.value === 'true')) ctx.report(projectFinding(rule, c.path, c.lines, s.line, `Service ${svc.name} runs privileged: it has every capability and the host's devices.`));
        }
      }
    }
  },
});
