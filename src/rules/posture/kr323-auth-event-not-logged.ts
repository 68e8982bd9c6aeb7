import { defineRule } from '../../core/rule.js';
import { walk } from '../../python/visit.js';
import { dotted } from '../../python/helpers.js';
import { httpHandlers, isLoginRoute } from './route-access.js';

const LOG = /^(debug|info|warning|warn|error|exception|critical|log)$/;

/** KR323: a login route that records neither successes nor failures. */
export const authEventNotLogged = defineRule({
  id: 'KR323',
  name: 'auth-event-not-logged',
  category: 'error-handling',
  severity: 'low',
  confidence: 'medium',
  cwe: [778],
  docs: {
    what: 'Flags login and token routes whose handler makes no logging call (`logger.info`, `log.warning`, `logging.*`, audit helpers), so failed and successful sign-ins leave no record.',
    why: 'Without a record of authentication events, brute force, credential stuffing and account takeover go unnoticed and cannot be investigated afterwards (CWE-778 insufficient logging).',
    example: '@app.route("/login", methods=["POST"])\ndef login():\n    if not user.check_password(pw):\n        return "invalid", 401',
    instead: '@app.route("/login", methods=["POST"])\ndef login():\n    if not user.check_password(pw):\n        log.warning("failed login for %s from %s", email, request.remote_addr)\n        return "invalid", 401',
    references: ['https://cwe.mitre.org/data/definitions/778.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        if (!isLoginRoute(h) || !h.fn) continue;
        let logged = false;
        walk(h.fn, (n) => {
          if (logged) return false;
          if (n.type === 'Call' && n.func.type === 'Attribute' && (LOG.test(n.func.attr) && /log|audit/i.test(dotted(n.func.value)))) logged = true;
          if (n.type === 'Call' && /audit|log_event|record_login|login_failed|signal|send/.test(dotted(n.func))) logged = true;
          return undefined;
        });
        if (!logged) ctx.report(h.node, { message: `Login route ${h.route.path ?? h.route.handler} logs neither failed nor successful sign-ins.`, fix: 'Log each attempt with the account and client address (never the password): log.warning("failed login for %s from %s", ...).' });
      }
    },
  },
});
