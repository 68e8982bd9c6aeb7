/**
 * KR357 compose-host-network: a compose service sharing the host's network, PID or IPC namespace.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const composeHostNetwork: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR357', name: 'compose-host-network', category: 'config', severity: 'medium', confidence: 'high', cwe: [668],
  docs: {
    what: 'Flags compose services with `network_mode: host` (or `pid: host`/`ipc: host`).',
    why: "The container shares the host's network stack: it can reach services bound to localhost and every port it opens is exposed (CWE-668 exposure of resource to wrong sphere).",
    example: 'network_mode: host',
    instead: 'ports:\n  - "127.0.0.1:8000:8000"',
    references: ['https://cwe.mitre.org/data/definitions/668.html', 'https://docs.docker.com/engine/network/drivers/host/'],
  },
  check(facts, ctx) {
    const rule = composeHostNetwork;
    for (const c of facts.composeFiles) {
      for (const svc of c.services) {
        for (const s of svc.settings) {
          if ((s.key !== 'network_mode' && s.key !== 'pid' && s.key !== 'ipc') || s.value !== 'host') continue;
          ctx.report(projectFinding(rule, c.path, c.lines, s.line, `Service ${svc.name} shares the host's ${s.key === 'network_mode' ? 'network stack' : s.key + ' namespace'} (${s.key}: host).`));
        }
      }
    }
  },
});
