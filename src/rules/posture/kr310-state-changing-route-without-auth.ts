import { defineRule } from '../../core/rule.js';
import { httpHandlers, PUBLIC_ROUTE } from './route-access.js';

/** KR310: a POST/PUT/PATCH/DELETE route with no authentication in sight. */
export const stateChangingRouteWithoutAuth = defineRule({
  id: 'KR310',
  name: 'state-changing-route-without-auth',
  category: 'auth',
  severity: 'high',
  confidence: 'medium',
  cwe: [306],
  docs: {
    what: 'Flags Flask, FastAPI, aiohttp and Django routes that change state (POST, PUT, PATCH, DELETE, or a Django view that writes) with no authentication: no `login_required`-style decorator, no auth `Depends`/`Security`, no DRF permission class, no Django auth mixin, no `before_request`/middleware hook and no in-body check of the current user. Login, sign-up, password-reset, health and webhook routes are public by design and skipped (unless they sit under an admin path).',
    why: 'Anyone who can reach the server can call the route and create, change or delete data (CWE-306 missing authentication for a critical function).',
    example: '@app.route("/orders", methods=["POST"])\ndef create_order():\n    ...',
    instead: '@app.route("/orders", methods=["POST"])\n@login_required\ndef create_order():\n    ...',
    references: ['https://cwe.mitre.org/data/definitions/306.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/', 'https://fastapi.tiangolo.com/tutorial/security/'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        const r = h.route;
        if (!r.stateChanging || r.auth !== 'none') continue;
        const name = h.fn?.name ?? h.cls?.name ?? '';
        const admin = /admin/i.test(r.path ?? '') || /admin/i.test(name);
        if (!admin && (PUBLIC_ROUTE.test(r.path ?? '') || PUBLIC_ROUTE.test(name))) continue;
        ctx.report(h.node, {
          message: `${r.methods.join('/')} ${r.path ?? r.handler} changes state but no authentication is applied (no auth decorator, dependency, permission class or check).`,
          fix: r.framework === 'fastapi' ? 'Add a dependency: user: User = Depends(get_current_user)' : r.framework === 'django' ? 'Decorate the view with @login_required (or use LoginRequiredMixin).' : 'Decorate the view with @login_required (or check the user in a before_request hook).',
        });
      }
    },
  },
});
