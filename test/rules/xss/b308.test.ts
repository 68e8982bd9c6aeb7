import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B308 django mark_safe (any argument)', () =>
    testRule('B308', {
      valid: ['mark_safe(x)  # not imported from django', 'from django.utils.html import format_html\nformat_html("{}", x)'],
      invalid: [{ code: 'from django.utils.safestring import mark_safe\nmark_safe("<b>ok</b>")\nmark_safe(x)', errors: [{ line: 2, column: 1, message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.' }, { line: 3, column: 1, message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.' }] }],
    }));
});
