/**
 * KR354 dockerfile-pip-install-unpinned: `RUN pip install` of packages without an exact version.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { unpinnedPipPackages } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const dockerfilePipInstallUnpinned: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR354', name: 'dockerfile-pip-install-unpinned', category: 'config', severity: 'low', confidence: 'high', cwe: [494, 1357],
  docs: {
    what: 'Flags `RUN pip install <package>` in a Dockerfile where a package has no exact version (`==`) or direct reference (`@ url`); `-r requirements.txt` is left to the dependency audit.',
    why: 'Each build installs whatever version is newest that day, including a freshly published malicious or broken release (CWE-494).',
    example: 'RUN pip install flask requests',
    instead: 'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt  # pinned, ideally with --require-hashes',
    references: ['https://cwe.mitre.org/data/definitions/494.html', 'https://pip.pypa.io/en/stable/topics/secure-installs/'],
  },
  check(facts, ctx) {
    const rule = dockerfilePipInstallUnpinned;
    for (const d of facts.dockerfiles) {
      for (const ins of d.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const unpinned = unpinnedPipPackages(ins.command);
        if (unpinned.length) ctx.report(projectFinding(rule, d.path, d.lines, ins.line, `pip install without pinned versions: ${unpinned.join(', ')}.`, { fix: `Pin exact versions (${unpinned[0]}==<version>) or install from a pinned requirements file.` }));
      }
    }
  },
});
