import { defineRule } from '../../core/rule.js';
import { hasStarImport, isDevSettingsPath, isDjangoSettings, moduleAssignments } from './common.js';

const REQUIRED: [string, string][] = [
  ['SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = True'],
  ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 31536000'],
  ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SECURE = True'],
  ['CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = True'],
];

/** KR304: a Django settings module that never turns on HTTPS-only cookies and redirects. */
export const djangoMissingSecuritySettings = defineRule({
  id: 'KR304',
  name: 'django-missing-security-settings',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: [614, 319],
  docs: {
    what: 'Flags a Django settings module (one that defines INSTALLED_APPS/MIDDLEWARE and does not extend another with `import *`) that never sets `SECURE_SSL_REDIRECT`, `SECURE_HSTS_SECONDS`, `SESSION_COOKIE_SECURE` or `CSRF_COOKIE_SECURE`.',
    why: "Django's defaults are for development: session and CSRF cookies are sent over plain HTTP and nothing redirects to HTTPS, so a network attacker can read session cookies (CWE-614 sensitive cookie without Secure, CWE-319 cleartext transmission). `manage.py check --deploy` warns about the same settings.",
    example: 'MIDDLEWARE = [...]\n# no SESSION_COOKIE_SECURE / CSRF_COOKIE_SECURE / SECURE_SSL_REDIRECT',
    instead: 'MIDDLEWARE = [...]\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True',
    references: ['https://cwe.mitre.org/data/definitions/614.html', 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      if (!isDjangoSettings(ctx, module) || isDevSettingsPath(ctx.path) || hasStarImport(module)) return;
      const names = moduleAssignments(module);
      const at = names.get('MIDDLEWARE') ?? names.get('INSTALLED_APPS');
      if (!at) return; // a partial settings module (only DEBUG/ALLOWED_HOSTS…): not the full configuration
      const missing = REQUIRED.filter(([n]) => !names.has(n));
      if (!missing.length) return;
      ctx.report(at, {
        message: `Django settings never set ${missing.map(([n]) => n).join(', ')}: cookies may travel over plain HTTP and HTTPS is not enforced.`,
        fix: missing.map(([, s]) => s).join('\n'),
      });
    },
  },
});
