/**
 * KR350 dockerfile-runs-as-root: the final stage of a Dockerfile sets no USER (and its base image is
 * not a `nonroot` one), or sets `USER root` / `USER 0`.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts, DockerInstruction } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const dockerfileRunsAsRoot: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR350', name: 'dockerfile-runs-as-root', category: 'config', severity: 'medium', confidence: 'high', cwe: [250],
  docs: {
    what: 'Flags a Dockerfile whose final stage has no `USER` instruction, or sets `USER root` / `USER 0`.',
    why: 'A process running as root in the container turns any code execution bug into root in the container, and a container escape into root on the host (CWE-250 execution with unnecessary privileges).',
    example: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "app.py"]',
    instead: 'FROM python:3.12-slim\nRUN useradd --create-home app\nCOPY --chown=app . /app\nUSER app\nCMD ["python", "app.py"]',
    references: ['https://cwe.mitre.org/data/definitions/250.html', 'https://docs.docker.com/build/building/best-practices/#user'],
  },
  check(facts, ctx) {
    const rule = dockerfileRunsAsRoot;
    for (const d of facts.dockerfiles) {
      let lastFrom: (DockerInstruction & { keyword: 'FROM' }) | undefined;
      let lastUser: (DockerInstruction & { keyword: 'USER' }) | undefined;
      for (const ins of d.instructions) {
        if (ins.keyword === 'FROM') {
          lastFrom = ins;
          lastUser = undefined;
        } else if (ins.keyword === 'USER') lastUser = ins;
      }
      if (!lastFrom) continue;
      if (!lastUser) {
        if (!/nonroot|distroless.*:nonroot/.test(lastFrom.arguments)) ctx.report(projectFinding(rule, d.path, d.lines, lastFrom.line, 'The final image has no USER instruction: the application runs as root.', { fix: 'RUN useradd --create-home app\nUSER app' }));
      } else if (/^(root|0)(:.*)?$/.test(lastUser.user)) {
        ctx.report(projectFinding(rule, d.path, d.lines, lastUser.line, `The final image runs as ${lastUser.user}.`, { fix: 'USER app  # an unprivileged user created in the image' }));
      }
    }
  },
});
