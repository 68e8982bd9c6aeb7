import { defineRule } from '../../core/rule.js';
import { keywordArg, hasKwargsSplat } from '../../python/calls.js';

/** Response methods that set a cookie: set_cookie everywhere, Django's set_signed_cookie (same options). */
const COOKIE_SETTERS = new Set(['set_cookie', 'set_signed_cookie']);
const SENSITIVE = /sess|token|auth|jwt|remember|sid|login|user|csrf|xsrf|secret|key/i;

/** KR132: cookies set without Secure, HttpOnly or SameSite. */
export const insecureCookie = defineRule({
  id: 'KR132',
  name: 'insecure-cookie',
  category: 'auth',
  severity: 'medium',
  confidence: 'medium',
  cwe: [614, 1004, 1275],
  docs: {
    what: 'Flags `response.set_cookie()` (Flask/Werkzeug, Django, Starlette) and Django\'s `set_signed_cookie()` without `secure=True` (CWE-614), `httponly=True` (CWE-1004) or `samesite="Lax"/"Strict"` (CWE-1275; Starlette defaults to Lax). Medium severity when the cookie name looks like a session or token, or the cookie is signed; low otherwise.',
    why: 'Without Secure the cookie travels over plain HTTP; without HttpOnly any injected script reads it; without SameSite other sites can send it along with forged requests (CSRF).',
    example: 'resp.set_cookie("session_token", token)',
    instead: 'resp.set_cookie("session_token", token, secure=True, httponly=True, samesite="Lax")',
    references: ['https://cwe.mitre.org/data/definitions/614.html', 'https://cwe.mitre.org/data/definitions/1004.html', 'https://cwe.mitre.org/data/definitions/1275.html', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies'],
  },
  visit: {
    Call(node, ctx) {
      if (node.func.type !== 'Attribute' || !COOKIE_SETTERS.has(node.func.attr) || hasKwargsSplat(node)) return;
      const method = node.func.attr;
      // Response.set_cookie(key, value, ...); CookieJar.set_cookie(cookie) takes one argument.
      if (node.args.length + node.keywords.filter((k) => k.arg === 'key' || k.arg === 'value').length < 2) return;
      const isTrue = (n: string): boolean => {
        const k = keywordArg(node, n);
        return !!k && !(k.value.type === 'Constant' && !k.value.value);
      };
      const starlette = ctx.semantic.importsModule('starlette', 'fastapi');
      const missing: [string, number][] = [];
      if (!isTrue('secure')) missing.push(['secure=True', 614]);
      if (!isTrue('httponly')) missing.push(['httponly=True', 1004]);
      const ss = keywordArg(node, 'samesite');
      const ssv = ss ? ctx.constValue(ss.value) : undefined;
      if (ss ? ssv === null || (typeof ssv === 'string' && ssv.toLowerCase() === 'none') : !starlette) missing.push(['samesite="Lax"', 1275]);
      if (!missing.length) return;
      const nameExpr = node.args[0] ?? keywordArg(node, 'key')?.value;
      const name = nameExpr ? ctx.constValue(nameExpr) : undefined;
      // A signed cookie is signed because what it holds is trusted (an identity, a grant).
      const sensitive = method === 'set_signed_cookie' || typeof name !== 'string' || SENSITIVE.test(name);
      ctx.report(node, {
        severity: sensitive ? 'medium' : 'low',
        cwe: missing.map((m) => m[1]),
        message: `Cookie ${typeof name === 'string' ? `'${name}' ` : ''}set without ${missing.map((m) => m[0]).join(', ')}.`,
        fix: `${method}(..., ${missing.map((m) => m[0]).join(', ')})`,
      });
    },
  },
});
