import { defineRule, fileState, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted, enclosingFunctions, identifiers } from '../../python/helpers.js';

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
    FunctionDef: collectFunction,
    AsyncFunctionDef: collectFunction,
    Call(n, ctx) {
      if (collected(ctx) && GUARD.test(dotted(n.func).replace(/\(\)$/, '').split('.').pop()!)) guard(n, ctx);
    },
    With: collectWith,
    AsyncWith: collectWith,
    If(n, ctx) {
      const c = collected(ctx);
      if (c) for (let p = n.parent; p; p = p.parent) if (p.type === 'FunctionDef' || p.type === 'AsyncFunctionDef') return void c.get(p)?.ifs.push(n);
    },
    'Module:exit'(_module, ctx) {
      const c = collected(ctx);
      if (!c) return;
      // A function is looked at on its own when it is top-level or the function around it is
      // looked at and takes a lock; then its own `if`s (not those of functions nested in it) are checked.
      const looked = new Set<A.FunctionDef>();
      for (const [fn, f] of c) {
        const outer = enclosingFunctions(fn)[0];
        if (outer && !(looked.has(outer) && c.get(outer)!.guarded)) continue;
        looked.add(fn);
        if (!f.guarded) for (const n of f.ifs) checkIf(n, ctx);
      }
    },
  },
});

/**
 * Per file whose text changes a balance-like attribute (else null): each function (walk
 * order) with whether anything in it takes a lock, and the `if`s directly in it.
 */
const collected = fileState((ctx) => (QUANTITY_WORD.test(ctx.source) ? new Map<A.FunctionDef, { guarded: boolean; ifs: A.If[] }>() : null));

function collectFunction(fn: A.FunctionDef, ctx: RuleContext): void {
  collected(ctx)?.set(fn, { guarded: fn.decorator_list.some((d) => GUARD.test(dotted(d.type === 'Call' ? d.func : d).split('.').pop()!)), ifs: [] });
}

/** A lock taken at `n` guards every function around it. */
function guard(n: A.AnyNode, ctx: RuleContext): void {
  const c = collected(ctx);
  if (c) for (const fn of enclosingFunctions(n)) c.get(fn)!.guarded = true;
}

function collectWith(n: A.With, ctx: RuleContext): void {
  if (collected(ctx) && n.items.some((it) => identifiers(it.context_expr).some((x) => GUARD.test(x) || /lock/i.test(x)))) guard(n, ctx);
}

/** Report each balance-like attribute the `if` tests and its body then changes. */
function checkIf(n: A.If, ctx: RuleContext): void {
  const tested = new Set<string>();
  walk(n.test, (m) => {
    if (m.type === 'Attribute' && QUANTITY.test(m.attr)) tested.add(dotted(m));
    return undefined;
  });
  if (!tested.size) return;
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
}
