/**
 * KR353 dockerfile-unpinned-base-image: `FROM` an image with no tag or `latest` and no digest (earlier
 * build stages, `scratch` and `$VAR` images excepted).
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const dockerfileUnpinnedBaseImage: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR353', name: 'dockerfile-unpinned-base-image', category: 'config', severity: 'low', confidence: 'high', cwe: [1357, 494],
  docs: {
    what: 'Flags `FROM` images with no tag or the `latest` tag (and no `@sha256:` digest).',
    why: 'An unpinned base image changes under you: builds stop being reproducible and a compromised or broken upstream image flows straight into production (CWE-1357 reliance on insufficiently trustworthy component).',
    example: 'FROM python:latest',
    instead: 'FROM python:3.12.4-slim@sha256:<digest>',
    references: ['https://cwe.mitre.org/data/definitions/1357.html', 'https://docs.docker.com/build/building/best-practices/#from'],
  },
  check(facts, ctx) {
    const rule = dockerfileUnpinnedBaseImage;
    for (const d of facts.dockerfiles) {
      const stages = new Set<string>();
      for (const ins of d.instructions) {
        if (ins.keyword !== 'FROM') continue;
        const { image, tag } = ins;
        if (image && image !== 'scratch' && !stages.has(image) && !image.includes('$') && !ins.digest && (!tag || tag === 'latest')) {
          ctx.report(projectFinding(rule, d.path, d.lines, ins.line, `Base image ${image}${tag ? ':' + tag : ''} is not pinned (${tag ? 'latest' : 'no tag'}): builds pull whatever is newest.`, { fix: `FROM ${image}:<version>@sha256:<digest>` }));
        }
        if (ins.stage) stages.add(ins.stage);
      }
    }
  },
});
