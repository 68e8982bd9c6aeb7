import { defineRule } from '../../core/rule.js';
import { parseSuppressionComment } from '../../core/suppress.js';

/** Codes of security checks in a `# noqa`: ruff's flake8-bandit `S…`, bandit's `B…`, krait's `KR…`. */
const SECURITY_CODE = /^(?:S\d{3}|B\d{3}|KR\d{3,4})$/i;

/**
 * KR802: a `# nosec` or `# noqa: S…` comment with no reason after it.
 */
export const suppressionWithoutJustification = defineRule({
  id: 'KR802',
  name: 'suppression-without-justification',
  category: 'quality',
  severity: 'low',
  confidence: 'high',
  cwe: [710],
  docs: {
    what: 'Flags `# nosec` comments, and `# noqa` comments naming security codes (`S…`, `B…`, `KR…`), that give no reason after the ids: `# nosec B602` instead of `# nosec B602 -- the command is a constant list`. Reasons are read after `--`, `:`, `;`, a second `#`, or as plain words after the ids.',
    why: 'A suppression is a security decision written in the code. Without the reason, nobody reviewing it later can tell a checked false positive from a silenced real problem, and suppressions pile up unreviewed (the seed\'s anti-pattern list; CWE-710 improper adherence to coding standards). A finding about a suppression comment is never silenced by that same comment.',
    example: 'subprocess.run(cmd, shell=True)  # nosec B602',
    instead: 'subprocess.run(cmd, shell=True)  # nosec B602 -- cmd is the constant DEPLOY_COMMAND, never user input',
    references: ['https://cwe.mitre.org/data/definitions/710.html', 'https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://docs.astral.sh/ruff/linter/#error-suppression'],
  },
  visit: {
    Module(_node, ctx) {
      for (const c of ctx.comments) {
        const s = parseSuppressionComment(c.text);
        if (!s || s.justification) continue;
        if (s.tool === 'noqa' && !s.ids.some((id) => SECURITY_CODE.test(id))) continue;
        const what = s.tool === 'nosec' ? (s.ids.length ? `# nosec ${s.ids.join(', ')}` : '# nosec') : `# noqa: ${s.ids.join(', ')}`;
        ctx.report(_node, {
          message: `\`${what}\` gives no reason: say why the finding is safe to ignore.`,
          fix: `${what} -- <why this is safe>`,
          range: { line: c.line, column: c.col + s.offset, endLine: c.line, endColumn: c.col + c.text.length },
          unsuppressable: true,
        });
      }
    },
  },
});
