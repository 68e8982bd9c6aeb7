import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe('KR148 format_html with an interpolated format string', () => {
  it('flags values put into the format string before the call, not the arguments it escapes', () =>
    testRule('KR148', {
      valid: [
        'from django.utils.html import format_html\nformat_html("<b>{}</b>", name)',
        'from django.utils.html import format_html\nformat_html(f"<b>{LABEL}</b>") if False else None\nLABEL = "x"',
        'from django.utils.html import format_html, escape\nformat_html(f"<b>{escape(name)}</b>")',
        'from django.utils.html import format_html\nformat_html(template, name)',
        'from django.utils.html import format_html\nformat_html("<b>%s</b>" % "fixed")',
        'def format_html(s):\n    return s\nformat_html(f"<b>{x}</b>")',
      ],
      invalid: [
        { code: 'from django.utils.html import format_html\nformat_html(f\'<span style="color:{obj.color}">{obj.text}</span>\')', lines: [2], severity: 'medium', confidence: 'high' },
        { code: 'from django.utils.html import format_html\nformat_html("<b>%s</b>" % name)', lines: [2] },
        { code: 'from django.utils.html import format_html\nformat_html("<b>{}</b>".format(name))', lines: [2] },
        { code: 'from django.utils.html import format_html\nformat_html("<b>" + name + "</b>")', lines: [2] },
        { code: 'from django.utils import html\nhtml.format_html(format_string=f"<i>{x}</i>")', lines: [2] },
      ],
    }));
});
