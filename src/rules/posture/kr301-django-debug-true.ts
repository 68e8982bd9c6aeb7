import { defineRule } from '../../core/rule.js';
import { isDevSettingsPath, isDjangoSettings, isTrue, moduleAssignments } from './common.js';

/** KR301: Django settings with `DEBUG = True` serve debug pages with settings and tracebacks. */
export const djangoDebugTrue = defineRule({
  id: 'KR301',
  name: 'django-debug-true',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [489, 215],
  docs: {
    what: 'Flags `DEBUG = True` in a Django settings module (not one named for development or tests).',
    why: 'With DEBUG on, Django answers errors with a page that lists settings, local variables and the full traceback, and keeps every SQL query in memory. Shipped to production it discloses internals to any visitor (CWE-489 active debug code, CWE-215).',
    example: 'DEBUG = True',
    instead: 'DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # off unless explicitly enabled',
    references: ['https://cwe.mitre.org/data/definitions/489.html', 'https://docs.djangoproject.com/en/stable/ref/settings/#debug', 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      if (!isDjangoSettings(ctx, module) || isDevSettingsPath(ctx.path)) return;
      const a = moduleAssignments(module).get('DEBUG');
      if (a && a.value && isTrue(ctx, a.value)) {
        ctx.report(a, { message: 'DEBUG = True in a Django settings module: error pages will show settings, variables and tracebacks to visitors.', fix: 'DEBUG = os.environ.get("DJANGO_DEBUG") == "1"' });
      }
    },
  },
});
