import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted, identifiers } from '../../python/helpers.js';

const GUARD = /^(atomic|select_for_update|with_for_update|begin|begin_nested|transaction|Lock|RLock|lock|acquire|F|update)$/;
/** Balance-like attribute names (an attribute ending in one of them). */
const QUANTITY_WORDS = 'balance|credit|credits|stock|quantity|qty|inventory|amount|points|funds|seats|remaining|available|count';
const QUANTITY = new RegExp(`(${QUANTITY_WORDS})$`, 'i');
/** The text the rule needs: such an attribute assigned or updated in place (`x.balance -= n`, `x.stock = …`). */
const QUANTITY_WORD = new RegExp(`\\.\\w*(?:${QUANTITY_WORDS})\\s*(?:[-+*/]?=)(?!=)`, 'i');

/** KR326: `if x.balance >= n: x.balance -= n` without a transaction or lock. */
export const readModifyWriteWithoutLock = defineRule({
  id: 'KR326',
  name: 'read-modify-write-without-lock',
  category: 'code',
  severity: 'medium',
  confidence: 'low',
  cwe: [362],
  docs: {
    what: 'Flags a function that tests a balance-like attribute (`balance`, `stock`, `quantity`, `credits`…) and then changes the same attribute (`-=`, `+=`, `x.balance = x.balance - n`) when nothing in the function takes a lock or a row lock: no `transaction.atomic`, `select_for_update()`, `with_for_update()`, `session.begin()`, `threading.Lock`, or an `F()` expression.',
    why: 'Two concurrent requests both pass the check before either writes, so the balance goes negative or stock is sold twice (CWE-362 race condition; the classic double-spend).',
    example: 'if account.balance >= amount:\n    account.balance -= amount\n    db.session.commit()',
    instead: 'with db.session.begin():\n    account = Account.query.with_for_update().get(user_id)\n    if account.balance >= amount:\n        account.balance -= amount',
    references: ['https://cwe.mitre.org/data/definitions/362.html', 'https://docs.djangoproject.com/en/stable/ref/models/querysets/#select-for-update'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      // Cheap pre-filter: no balance-like name in the text, nothing to find.
      if (!QUANTITY_WORD.test(ctx.source)) return;
      walk(module, (fn) => {
        if (fn.type !== 'FunctionDef' && fn.type !== 'AsyncFunctionDef') return undefined;
        let guarded = fn.decorator_list.some((d) => GUARD.test(dotted(d.type === 'Call' ? d.func : d).split('.').pop()!));
        walk(fn, (n) => {
          if (guarded) return false;
          if (n.type === 'Call' && GUARD.test(dotted(n.func).replace(/\(\)$/, '').split('.').pop()!)) guarded = true;
          if (n.type === 'With' || n.type === 'AsyncWith') for (const it of n.items) if (identifiers(it.context_expr).some((x) => GUARD.test(x) || /lock/i.test(x))) guarded = true;
          return undefined;
        });
        if (guarded) return undefined;
        walk(fn, (n) => {
          if (n.type !== 'If') return n === fn || (n.type !== 'FunctionDef' && n.type !== 'AsyncFunctionDef') ? undefined : false;
          const tested = new Set<string>();
          walk(n.test, (m) => {
            if (m.type === 'Attribute' && QUANTITY.test(m.attr)) tested.add(dotted(m));
            return undefined;
          });
          if (!tested.size) return undefined;
          for (const s of n.body) {
            walk(s, (m) => {
              let target: A.Expr | undefined;
              if (m.type === 'AugAssign') target = m.target;
              else if (m.type === 'Assign' && m.targets.length === 1 && m.value.type === 'BinOp') target = m.targets[0];
              if (target && target.type === 'Attribute' && tested.has(dotted(target))) {
                ctx.report(m, { message: `${dotted(target)} is checked and then changed without a transaction or lock: concurrent requests can both pass the check.`, fix: 'Lock the row (select_for_update / with_for_update inside a transaction) or update atomically (F("balance") - amount with a filter on balance >= amount).' });
              }
              return undefined;
            });
          }
          return undefined;
        });
        return false;
      });
    },
  },
});
