import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("template/XSS plugins", () => {
  it('B702 mako templates', () =>
    testRule('B702', {
      valid: ['from string import Template\nTemplate("$x")', 'from mako.lookup import TemplateLookup\nTemplateLookup(directories=["t"])'],
      invalid: [
        { code: 'from mako.template import Template\nTemplate("hello ${x}")', errors: [{ line: 2, column: 1, message: 'Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the \'n\', \'h\' or \'x\' flags (depending on context). For example, to HTML escape the variable \'data\' do ${ data |h }.' }], severity: 'medium', confidence: 'high' },
        { code: 'import mako.template\nmako.template.Template(text)', lines: [2] },
      ],
    }));
});
