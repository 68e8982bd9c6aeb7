/**
 * KR358 compose-docker-socket-mount: a compose service mounting the Docker socket.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const composeDockerSocketMount: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR358', name: 'compose-docker-socket-mount', category: 'config', severity: 'high', confidence: 'high', cwe: [250, 269],
  docs: {
    what: 'Flags compose volumes that mount the Docker socket (`/var/run/docker.sock`).',
    why: 'Access to the Docker socket is root on the host: the container can start a privileged container that mounts `/` (CWE-250).',
    example: 'volumes:\n  - /var/run/docker.sock:/var/run/docker.sock',
    instead: 'Do not mount the socket; if a tool needs the Docker API, put a filtering proxy in front of it with only the calls it needs.',
    references: ['https://cwe.mitre.org/data/definitions/250.html', 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  },
  check(facts, ctx) {
    const rule = composeDockerSocketMount;
    for (const c of facts.composeFiles) {
      for (const svc of c.services) {
        for (const v of svc.volumes) {
          if (/(^|\/)docker\.sock$/.test(v.source)) ctx.report(projectFinding(rule, c.path, c.lines, v.line, `Service ${svc.name} mounts the Docker socket (${v.source}): root on the host from inside the container.`));
        }
      }
    }
  },
});
