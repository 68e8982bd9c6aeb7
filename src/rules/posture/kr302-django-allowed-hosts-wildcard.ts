import { defineRule } from '../../core/rule.js';
import { strList } from '../../python/helpers.js';
import { isDevSettingsPath, isDjangoSettings, moduleAssignments } from './common.js';

/** KR302: `ALLOWED_HOSTS = ['*']` accepts any Host header. */
export const djangoAllowedHostsWildcard = defineRule({
  id: 'KR302',
  name: 'django-allowed-hosts-wildcard',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: [346],
  docs: {
    what: "Flags `ALLOWED_HOSTS` containing `'*'` (or a bare `'.'`-wildcard for every domain) in a Django settings module.",
    why: 'Django builds absolute URLs (password-reset links, redirects) from the Host header. Accepting any host lets an attacker poison those links and caches with a host they control (CWE-346 origin validation error).',
    example: "ALLOWED_HOSTS = ['*']",
    instead: "ALLOWED_HOSTS = os.environ['DJANGO_ALLOWED_HOSTS'].split(',')  # e.g. 'shop.example.com'",
    references: ['https://cwe.mitre.org/data/definitions/346.html', 'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      if (!isDjangoSettings(ctx, module) || isDevSettingsPath(ctx.path)) return;
      const a = moduleAssignments(module).get('ALLOWED_HOSTS');
      const hosts = a?.value ? strList(a.value) : undefined;
      if (a && hosts && hosts.some((h) => h === '*' || h === '.')) {
        ctx.report(a, { message: "ALLOWED_HOSTS accepts any host ('*'): Host-header poisoning of reset links and caches becomes possible.", fix: "List the real host names: ALLOWED_HOSTS = ['shop.example.com']" });
      }
    },
  },
});
