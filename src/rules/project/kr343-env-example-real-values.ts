/**
 * KR343 env-example-real-values: a `.env.example`-style template holding a value the secrets rules
 * take for a real credential (one finding per secret found, suppressions honoured).
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { secretFacts, secretSuppression } from '../../secrets/index.js';
import { SECRET_RULES } from '../secrets/index.js';
import { projectFinding } from './finding.js';

export const envExampleRealValues: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR343', name: 'env-example-real-values', category: 'config', severity: 'high', confidence: 'medium', cwe: [798],
  docs: {
    what: 'Flags `.env.example`-style templates that hold values the secrets detectors take for real credentials.',
    why: 'Templates are committed on purpose; a real key in one is published with the code (CWE-798 hard-coded credentials).',
    example: 'OPENAI_API_KEY=sk-proj-…',
    instead: 'OPENAI_API_KEY=\n# or a marked placeholder: OPENAI_API_KEY=your-key-here',
    references: ['https://cwe.mitre.org/data/definitions/798.html'],
  },
  check(facts, ctx) {
    const rule = envExampleRealValues;
    for (const f of facts.envFiles) {
      if (!f.example) continue;
      // The secrets rules' candidates in the template, unless a comment allows them.
      const secrets = secretFacts({ path: f.path, kind: 'env', text: f.text });
      for (const s of secrets.candidates) {
        if (secretSuppression(secrets.lines, s, s.startLine, s.endLine)) continue;
        const name = SECRET_RULES.find((r) => r.id === s.ruleId)?.name ?? s.ruleId;
        ctx.report(projectFinding(rule, f.path, f.maskedLines, s.startLine, `${f.path} is a committed template but holds a real-looking credential (${name}).`, { fix: 'Replace the value with an empty one or a marked placeholder, and rotate the credential.', properties: { secretRule: s.ruleId } }));
      }
    }
  },
});
