import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { flaskConfigCollector, isDevSettingsPath, isDjangoSettings, moduleAssignments } from './common.js';

const BAD: Record<string, { bad: (v: unknown) => boolean; cwe: number[]; fix: string; why: string }> = {
  SESSION_COOKIE_SECURE: { bad: (v) => v === false, cwe: [614], fix: 'SESSION_COOKIE_SECURE = True', why: 'the session cookie is sent over plain HTTP' },
  CSRF_COOKIE_SECURE: { bad: (v) => v === false, cwe: [614], fix: 'CSRF_COOKIE_SECURE = True', why: 'the CSRF cookie is sent over plain HTTP' },
  SESSION_COOKIE_HTTPONLY: { bad: (v) => v === false, cwe: [1004], fix: 'SESSION_COOKIE_HTTPONLY = True', why: 'scripts (and so XSS payloads) can read the session cookie' },
  SESSION_COOKIE_SAMESITE: { bad: (v) => v === null || v === 'None', cwe: [1275], fix: 'SESSION_COOKIE_SAMESITE = "Lax"', why: 'the session cookie is sent on cross-site requests' },
  REMEMBER_COOKIE_SECURE: { bad: (v) => v === false, cwe: [614], fix: 'REMEMBER_COOKIE_SECURE = True', why: 'the remember-me cookie is sent over plain HTTP' },
};

const flask = flaskConfigCollector((ctx) => !isDevSettingsPath(ctx.path) && (ctx.semantic.importsModule('flask', 'quart') || /config/i.test(ctx.path)));

/** KR307: session cookie settings explicitly weakened (Secure off, HttpOnly off, SameSite None). */
export const insecureSessionCookieConfig = defineRule({
  id: 'KR307',
  name: 'insecure-session-cookie-config',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: [614, 1004, 1275],
  docs: {
    what: 'Flags Flask or Django settings that explicitly weaken the session cookie: `SESSION_COOKIE_SECURE = False`, `CSRF_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False`, `SESSION_COOKIE_SAMESITE = None`, `REMEMBER_COOKIE_SECURE = False` (outside development settings).',
    why: 'A session cookie without Secure travels in clear text (CWE-614), without HttpOnly it can be stolen by any XSS (CWE-1004), and with SameSite=None it rides along on cross-site requests (CWE-1275).',
    example: 'app.config["SESSION_COOKIE_SECURE"] = False',
    instead: 'app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")',
    references: ['https://cwe.mitre.org/data/definitions/614.html', 'https://flask.palletsprojects.com/en/latest/security/#set-cookie-options', 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure'],
  },
  visit: {
    ...flask.visit,
    'Module:exit'(module, ctx) {
      if (isDevSettingsPath(ctx.path)) return;
      const check = (key: string, value: A.Expr, node: A.AnyNode) => {
        const rule = BAD[key];
        if (!rule) return;
        const v = ctx.constValue(value);
        if (v === undefined || !rule.bad(v)) return;
        const parent = node.parent;
        if (parent && parent.type === 'ClassDef' && /dev|test|local/i.test(parent.name)) return;
        ctx.report(node, { message: `${key} is weakened: ${rule.why}.`, cwe: rule.cwe, fix: rule.fix });
      };
      if (isDjangoSettings(ctx, module)) {
        for (const [k, a] of moduleAssignments(module)) if (a.value) check(k, a.value, a);
        return;
      }
      if (ctx.semantic.importsModule('flask', 'quart') || /config/i.test(ctx.path)) for (const w of flask.writes(ctx)) check(w.key, w.value, w.node);
    },
  },
});
