/**
 * KR351 dockerfile-secret-in-build-config: `ENV`/`ARG` giving a credential-named variable a literal value.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { literalSecret } from '../../posture/index.js';
import { maskSecret } from '../../core/mask.js';
import { projectFinding } from './finding.js';

export const dockerfileSecretInBuildConfig: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR351', name: 'dockerfile-secret-in-build-config', category: 'config', severity: 'high', confidence: 'medium', cwe: [538, 798],
  docs: {
    what: 'Flags `ENV` and `ARG` instructions that give a credential-named variable (`*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*_API_KEY`…) a literal value.',
    why: 'ENV values are stored in the image configuration and ARG values in its history: anyone who can pull the image reads them with `docker inspect` or `docker history` (CWE-538).',
    example: 'ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI…',
    instead: 'RUN --mount=type=secret,id=aws_key ...  # build secrets; runtime secrets from the orchestrator',
    references: ['https://cwe.mitre.org/data/definitions/538.html', 'https://docs.docker.com/build/building/secrets/'],
  },
  check(facts, ctx) {
    const rule = dockerfileSecretInBuildConfig;
    for (const d of facts.dockerfiles) {
      for (const ins of d.instructions) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
        for (const p of ins.properties) {
          const secret = literalSecret(p.name, p.value);
          if (!secret) continue;
          ctx.report(projectFinding(rule, d.path, d.lines, p.line, `${ins.keyword} ${p.name} bakes a credential (${maskSecret(secret)}) into the image ${ins.keyword === 'ENV' ? 'configuration' : 'history'}.`, { secret, fix: 'Use a build secret (RUN --mount=type=secret) and pass runtime secrets from the environment or the orchestrator.' }));
        }
      }
    }
  },
});
