import { describe, expect, it } from 'vitest';
import { parsePython } from '../../src/python/parse.js';
import { CHILD_FIELDS, children, walk } from '../../src/python/visit.js';
import type * as A from '../../src/python/ast.js';

/** Every kind of statement and expression the lowering produces, nested. */
const SAMPLE = `
import os, sys as system
from . import mod
from pkg.sub import (a as b, c)
@decorator(arg, key=1)
class C(Base, metaclass=Meta):
    x: int = 1
    def m(self, a, /, b=2, *args, c, d=3, **kw) -> "R":
        global g
        nonlocal_ = lambda y=1, *z, **w: y + 1
        del a[0], b.c
        a += 1
        for i, (j, *k) in enumerate(zip(a, b)):
            if i and not j or k:
                continue
            elif i < j <= k is not None:
                break
            else:
                pass
        else:
            yield
        while x if y else z:
            x = yield from gen()
        with open(p) as f, ctx() as (g, h):
            raise ValueError("x") from err
        try:
            assert a, "msg"
        except (E1, E2) as e:
            pass
        else:
            return {**d, "k": [v async for v in it if v], 1: {s for s in t}}
        finally:
            await thing
        match cmd:
            case [1, *rest] if rest:
                pass
            case {"k": v, **others}:
                pass
            case Point(x=0, y=yy) | None:
                pass
            case _:
                pass
        return (f"{a!r:>{w}} {b}", x[1:2:3], {k: v for k, v in d.items()}, (q := 5), -x, ~y, *z)
async def af():
    async with lock:
        async for i in aiter():
            pass
type Alias = list[int]
try:
    s = {1, 2}; total = sum(x for x in s)
except* E3:
    pass
`;

/** The children of a node read field by field from CHILD_FIELDS (the generic order). */
function byFields(n: A.AnyNode): A.AnyNode[] {
  if (n.type === 'Dict') return n.values.flatMap((v, i) => (n.keys[i] ? [n.keys[i]!, v] : [v]));
  const out: A.AnyNode[] = [];
  for (const f of CHILD_FIELDS[n.type]) {
    const v = (n as unknown as Record<string, unknown>)[f];
    if (v == null) continue;
    if (!Array.isArray(v)) out.push(v as A.AnyNode);
    else for (const x of v) if (x) out.push(x as A.AnyNode);
  }
  return out;
}

describe('tree traversal', () => {
  it('gives every node type its children in CHILD_FIELDS order (the per-type fast path agrees with the field table)', () => {
    const { module } = parsePython(SAMPLE);
    const seen = new Set<string>();
    let count = 0;
    walk(module, (n) => {
      seen.add(n.type);
      count++;
      const got = children(n);
      const want = byFields(n);
      expect({ type: n.type, count: got.length, same: got.every((c, i) => c === want[i]) }).toEqual({ type: n.type, count: want.length, same: true });
    });
    // The sample covers most node types (a missed field in one case would drop a subtree).
    expect(seen.size).toBeGreaterThan(60);
    expect(count).toBeGreaterThan(200);
  });
});
