/**
 * KR352 dockerfile-add-remote-url: `ADD` of an http(s) URL without `--checksum`.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const dockerfileAddRemoteUrl: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR352', name: 'dockerfile-add-remote-url', category: 'config', severity: 'medium', confidence: 'high', cwe: [494],
  docs: {
    what: 'Flags `ADD` instructions whose source is an http(s) URL (without `--checksum`).',
    why: 'ADD downloads whatever the server returns at build time, with no integrity check; a compromised or spoofed server puts its code in your image (CWE-494 download of code without integrity check).',
    example: 'ADD https://example.com/install.sh /tmp/install.sh',
    instead: 'ADD --checksum=sha256:<digest> https://example.com/install.sh /tmp/install.sh\n# or RUN curl -fsSLo f URL && echo "<sha256>  f" | sha256sum -c -',
    references: ['https://cwe.mitre.org/data/definitions/494.html', 'https://docs.docker.com/reference/dockerfile/#add---checksum'],
  },
  check(facts, ctx) {
    const rule = dockerfileAddRemoteUrl;
    for (const d of facts.dockerfiles) {
      for (const ins of d.instructions) {
        if (ins.keyword !== 'ADD') continue;
        const url = ins.arguments.slice(0, -1).find((a) => /^https?:\/\//i.test(a));
        if (url && !ins.flags.includes('checksum')) ctx.report(projectFinding(rule, d.path, d.lines, ins.line, `ADD downloads ${url} at build time without an integrity check.`));
      }
    }
  },
});
