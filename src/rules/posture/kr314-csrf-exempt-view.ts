import { defineRule } from '../../core/rule.js';
import { dotted, lastSegment } from '../../python/helpers.js';

/** KR314: a view exempted from CSRF protection. */
export const csrfExemptView = defineRule({
  id: 'KR314',
  name: 'csrf-exempt-view',
  category: 'auth',
  severity: 'medium',
  confidence: 'medium',
  cwe: [352],
  docs: {
    what: "Flags Django's `@csrf_exempt`, `method_decorator(csrf_exempt, ...)` and Flask-WTF's `@csrf.exempt` on views, and `csrf.exempt(blueprint)` calls.",
    why: 'An exempt view accepts cross-site form posts: any page a logged-in user visits can submit the request with their session (CWE-352). Exemptions are acceptable only for endpoints authenticated by something other than cookies (signed webhooks, token APIs).',
    example: '@csrf_exempt\ndef cancel_order(request, pk): ...',
    instead: '@require_POST\ndef cancel_order(request, pk): ...  # keep CSRF protection; send the token from the form or the X-CSRFToken header',
    references: ['https://cwe.mitre.org/data/definitions/352.html', 'https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt'],
  },
  visit: {
    FunctionDef(node, ctx) {
      for (const d of node.decorator_list) {
        const name = dotted(d.type === 'Call' ? d.func : d);
        const seg = lastSegment(name);
        const inner = seg === 'method_decorator' && d.type === 'Call' && d.args[0] ? lastSegment(dotted(d.args[0])) : '';
        if (seg === 'csrf_exempt' || inner === 'csrf_exempt' || (seg === 'exempt' && /csrf/i.test(name))) {
          ctx.report(node, { node: d, message: `${node.name} is exempt from CSRF protection: cross-site requests can act with the user's session.`, fix: 'Remove the exemption and send the CSRF token, or authenticate the endpoint with a header token or a webhook signature instead of cookies.' });
        }
      }
    },
    AsyncFunctionDef(node, ctx) {
      csrfExemptView.visit.FunctionDef!(node, ctx);
    },
    ClassDef(node, ctx) {
      for (const d of node.decorator_list) {
        if (d.type === 'Call' && lastSegment(dotted(d.func)) === 'method_decorator' && d.args[0] && lastSegment(dotted(d.args[0])) === 'csrf_exempt') {
          ctx.report(node, { node: d, message: `${node.name} is exempt from CSRF protection: cross-site requests can act with the user's session.`, fix: 'Remove the exemption and send the CSRF token.' });
        }
      }
    },
  },
});
