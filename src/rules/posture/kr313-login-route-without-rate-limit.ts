import { defineRule } from '../../core/rule.js';
import { httpHandlers, isLoginRoute } from './route-access.js';

/** KR313: a login route with no rate limiting in sight. */
export const loginRouteWithoutRateLimit = defineRule({
  id: 'KR313',
  name: 'login-route-without-rate-limit',
  category: 'auth',
  severity: 'medium',
  confidence: 'medium',
  cwe: [307],
  docs: {
    what: 'Flags login and token routes that accept credentials (POST) with no rate limiting: no flask-limiter/slowapi `@limiter.limit`, no django-ratelimit `@ratelimit`, no DRF `throttle_classes`, no fastapi-limiter `RateLimiter` dependency and no app-wide limiter (`default_limits`) in the same file.',
    why: 'Without a limit an attacker can try passwords as fast as the server answers (brute force and credential stuffing, CWE-307 improper restriction of excessive authentication attempts).',
    example: '@app.route("/login", methods=["POST"])\ndef login(): ...',
    instead: '@app.route("/login", methods=["POST"])\n@limiter.limit("5 per minute")\ndef login(): ...',
    references: ['https://cwe.mitre.org/data/definitions/307.html', 'https://flask-limiter.readthedocs.io/', 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        const r = h.route;
        if (!isLoginRoute(h) || r.rateLimited || !r.methods.some((m) => m === 'POST' || m === '*')) continue;
        ctx.report(h.node, { message: `Login route ${r.path ?? r.handler} has no rate limiting: passwords can be guessed at full speed.`, fix: 'Add a limiter (e.g. @limiter.limit("5 per minute"), @ratelimit(key="ip", rate="5/m"), throttle_classes).' });
      }
    },
  },
});
