import { defineRule } from '../../core/rule.js';
import { parseSuppressionComment } from '../../core/suppress.js';

/**
 * KR803: a `# nosec` that names no check, silencing every check on the statement.
 */
export const blanketNosec = defineRule({
  id: 'KR803',
  name: 'blanket-nosec',
  category: 'quality',
  severity: 'low',
  confidence: 'high',
  cwe: [710],
  docs: {
    what: 'Flags `# nosec` comments that name no check id (`# nosec`, `# nosec -- reason`): they silence every check on every line of the statement.',
    why: 'A blanket suppression written for one false positive also hides every other problem on the statement, including ones introduced later by an edit (the seed\'s anti-pattern list; CWE-710 improper adherence to coding standards). Naming the ids keeps the other checks working. A finding about a suppression comment is never silenced by that same comment.',
    example: 'data = yaml.load(text)  # nosec',
    instead: 'data = yaml.load(text, Loader=TrustedLoader)  # nosec B506 -- TrustedLoader only builds plain types',
    references: ['https://cwe.mitre.org/data/definitions/710.html', 'https://bandit.readthedocs.io/en/latest/config.html#exclusions'],
  },
  visit: {
    Module(node, ctx) {
      for (const c of ctx.comments) {
        const s = parseSuppressionComment(c.text);
        if (!s || s.tool !== 'nosec' || s.ids.length) continue;
        ctx.report(node, {
          message: 'Blanket `# nosec` silences every check on this statement: name the check ids it is meant for (`# nosec B602 -- reason`).',
          fix: '# nosec <ID> -- <why this is safe>',
          range: { line: c.line, column: c.col + s.offset, endLine: c.line, endColumn: c.col + c.text.length },
          unsuppressable: true,
        });
      }
    },
  },
});
