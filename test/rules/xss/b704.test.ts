import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("template/XSS plugins", () => {
  it('B704 markupsafe.Markup on non-constants, local subclasses and options', () =>
    testRule('B704', {
      valid: [
        'from markupsafe import Markup\nMarkup("<b>ok</b>")',
        'from markupsafe import Markup, escape\nMarkup("<b>{}</b>").format(x)',
        { code: 'import bleach\nfrom markupsafe import Markup\nMarkup(bleach.clean(x))', options: { ruleOptions: { B704: { allowed_calls: ['bleach.clean'] } } } },
      ],
      invalid: [
        { code: 'from markupsafe import Markup\nMarkup(f"<b>{x}</b>")', errors: [{ line: 2, column: 1, message: 'Potential XSS with ``markupsafe.Markup`` detected. Do not use ``Markup`` on untrusted data.' }], severity: 'medium', confidence: 'high' },
        { code: 'import flask\nflask.Markup("x {}".format(y))', lines: [2] },
        { code: 'import markupsafe\nclass Safe(markupsafe.Markup):\n    pass\nclass Safer(Safe):\n    pass\nSafer(content)', lines: [6] },
        { code: 'from webhelpers.html import literal\nliteral(x)', lines: [2], options: { ruleOptions: { B704: { extend_markup_names: ['webhelpers.html.literal'] } } } },
      ],
    }));

  it('B704 message names the qualified and the bare name', () => {
    expect(runOn('from markupsafe import Markup\nMarkup(x)', ['B704'])[0]!.message).toBe('Potential XSS with ``markupsafe.Markup`` detected. Do not use ``Markup`` on untrusted data.');
  });
});
