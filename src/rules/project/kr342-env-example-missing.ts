/**
 * KR342 env-example-missing: a folder with a `.env` file and no `.env.example`-style template; reported
 * once per folder, at its first `.env` file.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const envExampleMissing: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR342', name: 'env-example-missing', category: 'config', severity: 'low', confidence: 'medium', cwe: [1059],
  docs: {
    what: 'Flags a project that has a `.env` file but no `.env.example` (or `.env.sample`, `.env.template`, `.env.dist`) beside it.',
    why: 'Without a documented template, people copy a real `.env` around (chat, e-mail, commits) to share the list of settings, and nobody knows which settings production needs (CWE-1059 insufficient technical documentation).',
    example: '.env  # real values, no .env.example',
    instead: '.env.example  # every variable, empty or with placeholder values, committed\n.env          # real values, ignored',
    references: ['https://cwe.mitre.org/data/definitions/1059.html', 'https://12factor.net/config'],
  },
  check(facts, ctx) {
    const rule = envExampleMissing;
    const dirs = new Map<string, { env: string[]; example: boolean }>();
    for (const f of facts.envFiles) {
      const d = dirs.get(f.dir) ?? { env: [], example: false };
      dirs.set(f.dir, d);
      if (f.example) d.example = true;
      else d.env.push(f.path);
    }
    for (const d of dirs.values()) {
      if (!d.env.length || d.example) continue;
      const first = d.env[0];
      ctx.report(projectFinding(rule, first, [], 1, `${first} has no .env.example beside it documenting the variables (with empty or placeholder values).`));
    }
  },
});
