import { defineRule } from '../../core/rule.js';
import { strList } from '../../python/helpers.js';
import { isDjangoSettings, moduleAssignments } from './common.js';

/** KR305: MIDDLEWARE without CsrfViewMiddleware turns off CSRF protection for every view. */
export const djangoCsrfMiddlewareMissing = defineRule({
  id: 'KR305',
  name: 'django-csrf-middleware-missing',
  category: 'auth',
  severity: 'high',
  confidence: 'high',
  cwe: [352],
  docs: {
    what: "Flags a literal `MIDDLEWARE` list in a Django settings module that does not contain `django.middleware.csrf.CsrfViewMiddleware` while it uses sessions or authentication.",
    why: 'Without the middleware no view checks the CSRF token, so any site a logged-in user visits can submit forms on their behalf (CWE-352).',
    example: "MIDDLEWARE = [\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    # 'django.middleware.csrf.CsrfViewMiddleware',\n]",
    instead: "MIDDLEWARE = [\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.csrf.CsrfViewMiddleware',\n]",
    references: ['https://cwe.mitre.org/data/definitions/352.html', 'https://docs.djangoproject.com/en/stable/ref/csrf/'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      if (!isDjangoSettings(ctx, module)) return;
      const a = moduleAssignments(module).get('MIDDLEWARE');
      const list = a?.value ? strList(a.value) : undefined;
      if (!a || !list) return;
      const usesSessions = list.some((m) => /SessionMiddleware|AuthenticationMiddleware/.test(m));
      if (usesSessions && !list.some((m) => m.endsWith('CsrfViewMiddleware'))) {
        ctx.report(a, { message: 'MIDDLEWARE has no CsrfViewMiddleware: no view checks CSRF tokens although sessions are used.', fix: "Add 'django.middleware.csrf.CsrfViewMiddleware' after SessionMiddleware." });
      }
    },
  },
});
