import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B308 (bandit `mark_safe`, call blacklist): Flags every call to Django's `django.utils.safestring.mark_safe` (B703 looks at its argument). */
export const markSafeUsage = defineRule({
  id: 'B308',
  name: 'mark-safe',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: 'Flags every call to Django\'s `django.utils.safestring.mark_safe` (B703 looks at its argument).',
    why: '`mark_safe` turns off Django\'s auto-escaping for the string; any user-controlled part then reaches the page as HTML (cross-site scripting, CWE-79).',
    example: 'return mark_safe(f"<b>{name}</b>")',
    instead: 'return format_html("<b>{}</b>", name)',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b308-mark-safe',
    ],
  },
  visit: { Call: callBlacklistVisitor('B308', 'Build HTML with django.utils.html.format_html() (which escapes its arguments) instead of mark_safe().') },
});
