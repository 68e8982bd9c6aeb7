import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted } from '../../python/helpers.js';

const CHECKS = /^(os\.path\.(exists|isfile|isdir|lexists|islink|getsize)|os\.access|pathlib\.Path\.exists)$/;
const USES = /^(open|io\.open|os\.open|os\.remove|os\.unlink|os\.rename|os\.replace|os\.chmod|os\.chown|shutil\.\w+|os\.makedirs|os\.mkdir|os\.rmdir)$/;

/** Text of the checked path argument, for matching the later use. */
function argKey(e: A.Expr | undefined): string | undefined {
  if (!e) return undefined;
  const t = dotted(e);
  return t === '?' ? undefined : t;
}

/** KR325: `if os.path.exists(p): open(p)` — the file can change between check and use. */
export const checkThenUseFile = defineRule({
  id: 'KR325',
  name: 'check-then-use-file',
  category: 'code',
  severity: 'low',
  confidence: 'medium',
  cwe: [367],
  docs: {
    what: 'Flags an `if` that tests a path with `os.path.exists`/`isfile`/`os.access`/`Path.exists` and then opens, removes, renames or changes the same path inside the `if`.',
    why: 'Between the check and the use another process (or an attacker with write access to the folder) can create, remove or swap the file for a symbolic link, so the check proves nothing about the file that is used (CWE-367 time-of-check time-of-use race).',
    example: 'if os.path.exists(path):\n    with open(path) as fh:\n        return fh.read()',
    instead: 'try:\n    with open(path) as fh:\n        return fh.read()\nexcept FileNotFoundError:\n    return ""',
    references: ['https://cwe.mitre.org/data/definitions/367.html', 'https://docs.python.org/3/library/os.html#os.access'],
  },
  visit: {
    If(node, ctx) {
      const checked = new Set<string>();
      walk(node.test, (n) => {
        if (n.type === 'Call') {
          const q = ctx.callName(n) ?? '';
          if (CHECKS.test(q)) {
            const k = argKey(n.args[0]);
            if (k) checked.add(k);
          } else if (n.func.type === 'Attribute' && /^(exists|is_file)$/.test(n.func.attr)) {
            const k = argKey(n.func.value);
            if (k) checked.add(k);
          }
        }
        return undefined;
      });
      if (!checked.size) return;
      let reported = false;
      for (const s of node.body) {
        walk(s, (n) => {
          if (reported || n.type !== 'Call') return !reported;
          const q = ctx.callName(n) ?? '';
          const k = USES.test(q) ? argKey(n.args[0]) : n.func.type === 'Attribute' && /^(open|read_text|read_bytes|write_text|write_bytes|unlink)$/.test(n.func.attr) ? argKey(n.func.value) : undefined;
          if (k && checked.has(k)) {
            reported = true;
            ctx.report(n, { message: `${k} is checked, then used: the file can change in between (check-then-use race).`, fix: 'Skip the check: open/remove the file directly and handle FileNotFoundError/FileExistsError (or use os.open with O_CREAT|O_EXCL).' });
          }
          return undefined;
        });
      }
    },
  },
});
