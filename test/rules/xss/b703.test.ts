import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("template/XSS plugins", () => {
  it('B703 mark_safe on values not provably literal', () =>
    testRule('B703', {
      valid: [
        'from django.utils.safestring import mark_safe\nmark_safe("<b>x</b>")',
        'from django.utils.safestring import mark_safe\nmy_secure_str = "<b>Hello World</b>"\nmark_safe(my_secure_str)',
        'from django.utils.safestring import mark_safe\na = "x"\nb = "<i>{}</i>".format(a)\nmark_safe(b)',
        'from django.utils.safestring import mark_safe\nmark_safe("<b>%s</b>" % "x")',
        'from django.utils.safestring import mark_safe\ndef f():\n    if c:\n        s = "a"\n    else:\n        s = "b"\n    return mark_safe(s)',
        'mark_safe(x)  # django.utils.safestring not imported',
      ],
      invalid: [
        { code: 'from django.utils.safestring import mark_safe\ndef f(name):\n    return mark_safe(name)', errors: [{ line: 3, column: 12, message: 'Potential XSS on mark_safe function.' }], severity: 'medium', confidence: 'high' },
        { code: 'from django.utils.safestring import mark_safe\nmark_safe("<b>{}</b>".format(request.GET["q"]))', lines: [2] },
        { code: 'from django.utils.safestring import SafeString\nx = get()\nSafeString(x)', lines: [3] },
        { code: 'from django.utils.safestring import mark_safe\nmark_safe(f"<b>{x}</b>")', lines: [2] },
        { code: 'from django.utils import safestring\ns = "a"\ns += user\nsafestring.mark_safe(s)', lines: [4] },
      ],
    }));
});
