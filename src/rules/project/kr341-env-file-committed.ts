/**
 * KR341 env-file-committed: a `.env` file with values that is listed in the git index.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const envFileCommitted: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR341', name: 'env-file-committed', category: 'config', severity: 'high', confidence: 'high', cwe: [540, 538],
  docs: {
    what: 'Flags `.env` files with values that are tracked by git (listed in the repository index), whether or not `.gitignore` names them now.',
    why: 'A committed `.env` file stays in the history even after it is deleted or ignored: every clone holds its secrets (CWE-540 inclusion of sensitive information in source code).',
    example: '$ git ls-files\n.env',
    instead: 'git rm --cached .env, add it to .gitignore, rotate every credential it held, and commit a .env.example with empty values.',
    references: ['https://cwe.mitre.org/data/definitions/540.html', 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository'],
  },
  check(facts, ctx) {
    const rule = envFileCommitted;
    for (const f of facts.envFiles) {
      if (f.example || !f.tracked || !f.valuesCount) continue;
      ctx.report(projectFinding(rule, f.path, f.maskedLines, 1, `${f.path} is committed to git with ${f.valuesCount} value${f.valuesCount === 1 ? '' : 's'}: every clone and the history hold them.`, { fix: 'git rm --cached the file, ignore it, rotate every credential it held, and commit a .env.example instead.' }));
    }
  },
});
