import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { flaskConfigCollector, isDjangoSettings, moduleAssignments } from './common.js';

const flask = flaskConfigCollector((ctx) => ctx.semantic.importsModule('flask', 'quart'));

/** KR303: a literal Django/Flask SECRET_KEY signs sessions with a key anyone with the code has. */
export const hardcodedFrameworkSecretKey = defineRule({
  id: 'KR303',
  name: 'hardcoded-framework-secret-key',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [321, 798],
  docs: {
    what: "Flags a string literal assigned to Django's `SECRET_KEY` in a settings module, or to Flask's `app.secret_key` / `app.config['SECRET_KEY']` / `SECRET_KEY` in a config class.",
    why: 'The framework secret key signs session cookies, password-reset tokens and CSRF tokens. Whoever reads the repository can forge sessions for any user (CWE-321 hard-coded cryptographic key).',
    example: 'SECRET_KEY = "django-insecure-8f#k2@x!m9q$w7e3"',
    instead: 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # fail fast when it is missing',
    references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key', 'https://flask.palletsprojects.com/en/latest/config/#SECRET_KEY'],
  },
  visit: {
    ...flask.visit,
    'Module:exit'(module, ctx) {
      const literal = (e: A.Expr | null | undefined): string | undefined => {
        if (!e) return undefined;
        const v = ctx.constValue(e);
        return typeof v === 'string' && v.length >= 8 ? v : undefined;
      };
      if (isDjangoSettings(ctx, module)) {
        const a = moduleAssignments(module).get('SECRET_KEY');
        const v = literal(a?.value);
        if (a && v) ctx.report(a, { message: 'Django SECRET_KEY is a literal in the settings module: anyone with the code can forge sessions and reset tokens.', secret: v, fix: 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]' });
        return;
      }
      if (!ctx.semantic.importsModule('flask', 'quart')) return;
      for (const { key, value, node } of flask.writes(ctx)) {
        const v = key === 'SECRET_KEY' ? literal(value) : undefined;
        if (v) ctx.report(node, { message: 'Flask SECRET_KEY is a literal: anyone with the code can forge session cookies.', secret: v, fix: 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]' });
      }
    },
  },
});
