import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("template/XSS plugins", () => {
  it('B701 jinja2 autoescape', () =>
    testRule('B701', {
      valid: [
        'import jinja2\njinja2.Environment(loader=l, autoescape=True)',
        'from jinja2 import Environment, select_autoescape\nEnvironment(autoescape=select_autoescape(["html"]))',
        'import jinja2\njinja2.Environment(autoescape=jinja2.select_autoescape())',
        'Environment(loader=l)  # not jinja2',
      ],
      invalid: [
        { code: 'import jinja2\nenv = jinja2.Environment(loader=l)', errors: [{ line: 2, column: 7, message: 'By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.' }], severity: 'high', confidence: 'high' },
        { code: 'from jinja2 import Environment\nEnvironment(loader=l,\n            autoescape=False)', lines: [2], severity: 'high', confidence: 'high' },
        { code: 'import jinja2\njinja2.Environment(autoescape=should_escape)', lines: [2], severity: 'high', confidence: 'medium' },
      ],
    }));
});
