import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { walk } from '../../python/visit.js';
import { dotted, identifiers, lastSegment, namesIn } from '../../python/helpers.js';
import { httpHandlers } from './route-access.js';

const OWNER = /^(owner|owner_id|user|user_id|author|author_id|created_by|created_by_id|account|account_id|tenant|tenant_id|customer|customer_id|organization|org_id|organisation)$/;
const OWNER_ANY = /owner|user_id|author|created_by|account_id|tenant|customer_id|org_id/;
const SCOPED_RECEIVER = /(current_user|request\.user|g\.user|self\.request\.user|user)\./;
const PERMISSION_CALL = /^(check_object_permissions|has_object_permission|authorize|can_access|can_view|can_edit|is_owner|check_owner|ensure_owner|get_queryset)$/;

/**
 * Whether the receiver of a plural-name `.get` is no store of user objects: an imported
 * module (`import requests`: `requests.get(url)` is an HTTP call) or a name bound to a literal collection
 * (`LANGUAGES.get(code)`, a table of constants).
 */
function notAStore(call: A.Call, sem: SemanticModel): boolean {
  const f = call.func;
  if (f.type !== 'Attribute' || f.value.type !== 'Name') return false;
  const b = sem.lookup(f.value.id, call);
  if (!b) return false;
  if (b.kind === 'import') return b.node.type === 'Import'; // a module (`import requests`), not an object imported from one
  const v = b.kind === 'assign' && b.count === 1 ? b.value : undefined;
  return !!v && (v.type === 'Dict' || v.type === 'DictComp' || v.type === 'List' || v.type === 'Tuple' || v.type === 'Set');
}

/** True when `call` looks up one object by a key given in its arguments. */
function lookupKey(call: A.Call, sem: SemanticModel): A.Expr[] | undefined {
  const name = dotted(call.func);
  const seg = lastSegment(name);
  if (/\.objects\.(get|filter)$|^(get_object_or_404|get_list_or_404)$/.test(name) || seg === 'get_object_or_404') return [...call.keywords.filter((k) => k.arg && /^(pk|id|\w+_id|uuid|slug)$/.test(k.arg)).map((k) => k.value)];
  if (/\.query\.(get|get_or_404)$/.test(name) || /^(db\.)?(get_or_404)$/.test(name)) return call.args.slice(0, 2);
  if (/\.query\.filter_by$/.test(name) || seg === 'filter_by') return call.keywords.filter((k) => k.arg && /^(pk|id|\w+_id|uuid)$/.test(k.arg)).map((k) => k.value);
  if (/(^|\.)session\.get$/.test(name) && call.args.length >= 2) return [call.args[1]];
  if (/^(tickets|orders|items|documents|records|invoices)\.get$/.test(name) || (seg === 'get' && /s$/.test(name.split('.').slice(-2, -1)[0] ?? '') && call.args.length === 1 && call.func.type === 'Attribute' && call.func.value.type === 'Name')) {
    return notAStore(call, sem) ? undefined : call.args.slice(0, 1);
  }
  return undefined;
}

/** KR312: object fetched by a client-supplied id with no owner filter or check (IDOR hint). */
export const idorLookupWithoutOwnerCheck = defineRule({
  id: 'KR312',
  name: 'idor-lookup-without-owner-check',
  category: 'auth',
  severity: 'medium',
  confidence: 'low',
  cwe: [639],
  docs: {
    what: 'In a route handler, flags an object lookup by a request-supplied id (`Order.objects.get(pk=pk)`, `get_object_or_404(Order, pk=pk)`, `Order.query.get_or_404(order_id)`, `session.get(Order, order_id)`, `filter_by(id=...)`) when the lookup is not filtered by owner (`owner=request.user`, `user_id=current_user.id`), is not made through the current user (`request.user.orders.get(...)`), and nothing in the handler compares the object\'s owner to the current user or calls an object-permission check. A hint to review, not a proof.',
    why: 'If the handler trusts the id, user A reads or changes user B\'s objects by changing a number in the URL (CWE-639 authorization bypass through user-controlled key, "IDOR").',
    example: '@login_required\ndef order_detail(request, pk):\n    order = Order.objects.get(pk=pk)',
    instead: '@login_required\ndef order_detail(request, pk):\n    order = get_object_or_404(Order, pk=pk, owner=request.user)',
    references: ['https://cwe.mitre.org/data/definitions/639.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        if (!h.tainted.size || h.roleCheck) continue;
        for (const body of h.bodies) {
          // Ownership checks anywhere in the handler.
          let checked = false;
          walk(body, (n) => {
            if (checked) return false;
            if (n.type === 'Compare' && identifiers(n).some((x) => OWNER_ANY.test(x) || x === 'owner' || x === 'user')) checked = true;
            if (n.type === 'Call' && PERMISSION_CALL.test(lastSegment(dotted(n.func)))) checked = true;
            return undefined;
          });
          if (checked) continue;
          walk(body, (n) => {
            if (n.type !== 'Call') return undefined;
            const keys = lookupKey(n, ctx.semantic);
            if (!keys || !keys.some((k) => [...namesIn(k)].some((x) => h.tainted.has(x)))) return undefined;
            const chain = dotted(n.func);
            if (SCOPED_RECEIVER.test(chain)) return undefined;
            // Owner filter in this call or the chain it belongs to.
            let outer: A.AnyNode = n;
            while (outer.parent && (outer.parent.type === 'Attribute' || outer.parent.type === 'Call')) outer = outer.parent;
            let owned = false;
            walk(outer, (m) => {
              if (m.type === 'keyword' && m.arg && OWNER.test(m.arg)) owned = true;
              if (m.type === 'Compare' && identifiers(m).some((x) => OWNER.test(x))) owned = true;
              return undefined;
            });
            if (owned) return undefined;
            ctx.report(n, {
              message: `Object looked up by a request-supplied id (${chain}) with no owner filter or ownership check: another user's object may be returned (IDOR).`,
              fix: 'Filter by owner (e.g. get_object_or_404(Order, pk=pk, owner=request.user)) or check obj.owner == current user before using it.',
            });
            return undefined;
          });
        }
      }
    },
  },
});
