import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const MEMBER_LISTS = new Set(['namelist', 'infolist', 'getmembers', 'getnames']);
const MEMBER_ATTRS = new Set(['filename', 'name', 'path', 'orig_filename']);
const CHECKS = /(?:^|\.)(?:realpath|abspath|resolve|commonpath|commonprefix|is_relative_to|basename|secure_filename|safe_join|normpath)$/;

/** KR126: archive members written to `dest/member.name` without a containment check (zip slip). */
export const archivePathTraversal = defineRule({
  id: 'KR126',
  name: 'archive-path-traversal',
  category: 'input-validation',
  severity: 'high',
  confidence: 'medium',
  cwe: [22],
  docs: {
    what: 'Flags loops over `ZipFile.namelist()/infolist()` or `TarFile.getmembers()/getnames()` that build an output path from the member name (`os.path.join(dest, member.filename)`, `dest / name`, concatenation) with no `realpath`/`resolve` containment check or `basename()` in the loop. B202 covers `tarfile.extractall()`; `ZipFile.extract()` sanitises names itself.',
    why: 'Member names come from whoever made the archive: `../../home/app/.ssh/authorized_keys` or an absolute path writes outside the target directory ("zip slip", CWE-22).',
    example: 'for name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))',
    instead: 'base = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if os.path.commonpath([base, target]) != base:\n        raise ValueError(f"unsafe member {name!r}")\n    ...  # or simply zf.extractall(dest), which sanitises names',
    references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://security.snyk.io/research/zip-slip-vulnerability', 'https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extract'],
  },
  visit: {
    For(node, ctx) {
      const it = node.iter;
      if (it.type !== 'Call' || it.func.type !== 'Attribute' || !MEMBER_LISTS.has(it.func.attr) || it.args.length) return;
      const vars = new Set<string>();
      walk(node.target, (n) => {
        if (n.type === 'Name') vars.add(n.id);
      });
      if (!vars.size) return;
      const isMember = (e: A.Expr): boolean =>
        (e.type === 'Name' && vars.has(e.id)) || (e.type === 'Attribute' && MEMBER_ATTRS.has(e.attr) && e.value.type === 'Name' && vars.has(e.value.id));
      // Names assigned from the member inside the loop count too (name = info.filename).
      for (const s of node.body) {
        if (s.type === 'Assign' && s.targets.length === 1 && s.targets[0].type === 'Name' && isMember(s.value)) vars.add((s.targets[0]).id);
      }
      let checked = false;
      let joinAt: A.Expr | null = null;
      for (const s of node.body) {
        walk(s, (n) => {
          if (checked) return false;
          if (n.type === 'Call') {
            const q = ctx.callName(n) ?? (n.func.type === 'Attribute' ? n.func.attr : '');
            if (CHECKS.test(q) || (n.func.type === 'Attribute' && CHECKS.test(n.func.attr))) checked = true;
            if (!joinAt && (q === 'os.path.join' || q === 'posixpath.join' || q === 'pathlib.Path') && n.args.slice(1).some(isMember)) joinAt = n;
          } else if (n.type === 'Compare' && n.left.type === 'Constant' && n.left.value === '..') checked = true;
          else if (!joinAt && n.type === 'BinOp' && (n.op === 'Div' || n.op === 'Add') && isMember(n.right)) joinAt = n;
          else if (!joinAt && n.type === 'JoinedStr' && n.values.slice(1).some((v) => v.type === 'FormattedValue' && isMember(v.value))) joinAt = n;
          return true;
        });
      }
      if (checked || !joinAt) return;
      ctx.report(joinAt, { message: 'Output path built from an archive member name without a containment check (zip slip): resolve it and check it stays inside the destination, or use extractall() with filter="data".' });
    },
  },
});
