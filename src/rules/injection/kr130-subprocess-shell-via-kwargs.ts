import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';

const SUBPROCESS = /^subprocess\.(?:Popen|call|run|check_call|check_output|getoutput|getstatusoutput)$|^asyncio\.create_subprocess_exec$/;

function shellInDict(e: A.Expr, lookup: (n: A.Name) => A.Expr | undefined, callName: (c: A.Call) => string | null, depth = 0): A.AnyNode | undefined {
  if (depth > 3) return undefined;
  if (e.type === 'Dict') {
    for (let i = 0; i < e.keys.length; i++) {
      const k = e.keys[i];
      const v = e.values[i];
      if (k && k.type === 'Constant' && k.value === 'shell' && !(v.type === 'Constant' && !v.value)) return v;
      if (!k) {
        const inner = shellInDict(v, lookup, callName, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  if (e.type === 'Call' && callName(e) === 'dict') {
    const k = e.keywords.find((x) => x.arg === 'shell');
    if (k && !(k.value.type === 'Constant' && !k.value.value)) return k;
    return undefined;
  }
  if (e.type === 'Name') {
    const v = lookup(e);
    return v ? shellInDict(v, lookup, callName, depth + 1) : undefined;
  }
  return undefined;
}

/** KR130: `shell=True` hidden in a `**kwargs` dict passed to subprocess. */
export const subprocessShellViaKwargs = defineRule({
  id: 'KR130',
  name: 'subprocess-shell-via-kwargs',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  docs: {
    what: 'Flags `subprocess` calls that receive `shell=True` through `**kwargs`: a dict literal, `dict(shell=True)`, or a name bound once to one. B602 only sees a literal `shell=` keyword.',
    why: 'The command runs through `/bin/sh` just the same: any data in it can add commands (CWE-78), and the indirection hides it from review and from bandit.',
    example: 'opts = {"shell": True, "check": True}\nsubprocess.run(f"tar czf {name}.tgz {path}", **opts)',
    instead: 'subprocess.run(["tar", "czf", f"{name}.tgz", path], check=True)',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations'],
  },
  visit: {
    Call(node, ctx) {
      if (!SUBPROCESS.test(ctx.callName(node) ?? '')) return;
      for (const k of node.keywords) {
        if (k.arg !== null) continue;
        const lookup = (n: A.Name): A.Expr | undefined => {
          const b = ctx.semantic.lookup(n.id, n);
          return b && b.count === 1 && b.value !== n ? b.value : undefined;
        };
        const at = shellInDict(k.value, lookup, (c) => ctx.callName(c));
        if (at) {
          ctx.report(node, { node: k, message: `${ctx.callName(node)}() gets shell=True through **kwargs: the command runs in a shell. Pass an argument list without shell.` });
          return;
        }
      }
    },
  },
});
