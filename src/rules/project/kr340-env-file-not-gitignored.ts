/**
 * KR340 env-file-not-gitignored: a `.env` file (not a template) that no `.gitignore` ignores.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const envFileNotGitignored: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR340', name: 'env-file-not-gitignored', category: 'config', severity: 'medium', confidence: 'high', cwe: [538],
  docs: {
    what: 'Flags `.env` files (not `.env.example`-style templates) that no `.gitignore` of the repository (nor `.git/info/exclude`) ignores.',
    why: 'A `.env` file holds the real configuration of one machine: passwords, API keys, database URLs. If git does not ignore it, the next `git add .` publishes it to everyone with access to the repository and its history (CWE-538 sensitive information in an externally accessible file).',
    example: '# .gitignore\n__pycache__/\n# (no .env line)',
    instead: '# .gitignore\n.env\n.env.*\n!.env.example',
    references: ['https://cwe.mitre.org/data/definitions/538.html', 'https://git-scm.com/docs/gitignore', 'https://12factor.net/config'],
  },
  check(facts, ctx) {
    const rule = envFileNotGitignored;
    for (const f of facts.envFiles) {
      if (f.example || f.gitignored) continue;
      const values = f.valuesCount ? ` and holds ${f.valuesCount} value${f.valuesCount === 1 ? '' : 's'}` : '';
      ctx.report(projectFinding(rule, f.path, f.maskedLines, 1, `${f.path} is not ignored by .gitignore${values}: it will be committed with the next \`git add\`.`, { fix: 'Add `.env` (and `.env.*` with `!.env.example`) to .gitignore.' }));
    }
  },
});
