import { defineRule } from '../../core/rule.js';
import { httpHandlers } from './route-access.js';

const ADMIN = /(^|[/_-])admin([/_-]|$)|^admin|(^|[/_-])(manage|staff|superuser|internal)([/_-]|$)/i;

/** KR311: an admin route that only checks that someone is logged in. */
export const adminRouteWithoutRoleCheck = defineRule({
  id: 'KR311',
  name: 'admin-route-without-role-check',
  category: 'auth',
  severity: 'high',
  confidence: 'medium',
  cwe: [862, 269],
  docs: {
    what: 'Flags routes whose path or handler name says admin/staff/manage/internal and that have no role or permission check: no `admin_required`/`roles_required`/`permission_required`/`user_passes_test`/`staff_member_required` decorator, no DRF `IsAdminUser`-style permission, no role dependency, and no `is_admin`/`is_staff`/`role`/`has_perm` test in the body.',
    why: 'Being logged in is not being an administrator: without a role check any user (or anyone, without authentication) can call administrative operations (CWE-862 missing authorization, CWE-269 privilege management).',
    example: '@app.route("/admin/users/<int:user_id>", methods=["DELETE"])\n@login_required\ndef delete_user(user_id): ...',
    instead: '@app.route("/admin/users/<int:user_id>", methods=["DELETE"])\n@login_required\n@roles_required("admin")\ndef delete_user(user_id): ...',
    references: ['https://cwe.mitre.org/data/definitions/862.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        const r = h.route;
        if (h.roleCheck) continue;
        if (!ADMIN.test(r.path ?? '') && !ADMIN.test(h.fn?.name ?? h.cls?.name ?? '')) continue;
        ctx.report(h.node, {
          message: `Admin route ${r.path ?? r.handler} has no role or permission check${r.auth === 'none' ? ' (and no authentication)' : ''}: any ${r.auth === 'none' ? 'client' : 'logged-in user'} can call it.`,
          fix: 'Require an administrator role (e.g. @roles_required("admin"), permission_classes=[IsAdminUser], Depends(require_admin)).',
        });
      }
    },
  },
});
