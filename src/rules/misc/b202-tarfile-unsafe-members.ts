/**
 * B202, as bandit's `tarfile_unsafe_members`: in a file that does `import tarfile`, any call
 * whose function name contains `extractall` — high when nothing filters the members, low
 * when `members=` is a call (a filtering function), medium when `members=` is something
 * else; nothing with `filter="data"`.
 */
import { defineRule } from '../../core/rule.js';
import { callFunctionName, isModuleImportedExact, isStr, keywordArg } from '../../python/calls.js';
import type * as A from '../../python/ast.js';

function describe(e: A.Expr, source: readonly string[]): string {
  if (e.type === 'Name') return `'${e.id}'`;
  if (e.lineno === e.end_lineno) return (source[e.lineno - 1] ?? '').slice(e.col_offset, e.end_col_offset);
  return e.type;
}

export const tarfileUnsafeMembers = defineRule({
  id: 'B202',
  name: 'tarfile-unsafe-members',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [22],
  docs: {
    what: '`TarFile.extractall()` without `filter="data"` or a members filter: high when every member is extracted, lower when `members=` is given.',
    why: 'Archive members can be named `../../etc/cron.d/x`, be absolute paths, symlinks or device files; extracting them unchecked writes outside the target directory (path traversal, CWE-22).',
    example: 'with tarfile.open(path) as tar:\n    tar.extractall(dest)',
    instead: 'with tarfile.open(path) as tar:\n    tar.extractall(dest, filter="data")',
    references: [
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://docs.python.org/3/library/tarfile.html#extraction-filters',
      'https://bandit.readthedocs.io/en/latest/plugins/b202_tarfile_unsafe_members.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (!isModuleImportedExact(ctx.semantic, 'tarfile')) return;
      const fn = callFunctionName(ctx.callName(node), node);
      if (!fn || !fn.includes('extractall')) return;
      const filter = keywordArg(node, 'filter');
      if (filter && isStr(filter.value) && filter.value.value === 'data') return;
      const members = keywordArg(node, 'members');
      if (members) {
        const v = members.value;
        if (v.type === 'Call') {
          const f = v.func.type === 'Name' ? v.func.id : v.func.type === 'Attribute' ? v.func.attr : 'call';
          ctx.report(node, {
            severity: 'low',
            confidence: 'low',
            message: `Usage of tarfile.extractall(members=function(tarfile)). Make sure your function properly discards dangerous members {'Function': '${f}'}).`,
            fix: 'Prefer filter="data" (Python 3.12+, backported to 3.8.17+); make sure the members function rejects absolute paths, "..", links and devices.',
          });
        } else {
          ctx.report(node, {
            severity: 'medium',
            confidence: 'medium',
            message: `Found tarfile.extractall(members=?) but couldn't identify the type of members. Check if the members were properly validated {'Other': ${describe(v, ctx.lines)}}).`,
            fix: 'Pass filter="data", or build members with a function that rejects absolute paths, "..", links and devices.',
          });
        }
        return;
      }
      ctx.report(node, {
        message: 'tarfile.extractall used without any validation. Please check and discard dangerous members.',
        fix: 'Pass filter="data" (Python 3.12+, backported to 3.8.17+), or members= from a function that rejects absolute paths, "..", links and devices.',
      });
    },
  },
});
