import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const MEMBER_LISTS = new Set(['namelist', 'infolist', 'getmembers', 'getnames']);
const MEMBER_ATTRS = new Set(['filename', 'name', 'path', 'orig_filename']);
/** Calls that make a member name safe to join (keep its last part, or refuse what leaves the base). */
const SANITISERS = /(?:^|\.)(?:basename|secure_filename|safe_join|get_valid_filename)$/;
/** Containment tests on path parts, not on text (`commonprefix` compares characters: `/srv/a` is a prefix of `/srv/ab`). */
const CONTAINMENT = /(?:^|\.)(?:commonpath|is_relative_to|relative_to)$/;
/** A function the module defines or imports whose name says it checks a path (`is_within_directory`, `safe_target`), given the member name: taken to check it. */
const VALIDATOR_NAME = /safe|valid|check|within|inside|contain|secure|saniti|clean|verify|allowed/i;

/** KR126: archive members written to `dest/member.name` without a containment check (zip slip). */
export const archivePathTraversal = defineRule({
  id: 'KR126',
  name: 'archive-path-traversal',
  category: 'input-validation',
  severity: 'high',
  confidence: 'medium',
  cwe: [22],
  docs: {
    what: 'Flags loops over `ZipFile.namelist()/infolist()` or `TarFile.getmembers()/getnames()` that build an output path from the member name (`os.path.join(dest, member.filename)`, `dest / name`, concatenation) with no containment check in the loop (`os.path.commonpath`, `is_relative_to`, a `startswith()` whose prefix ends with a separator, a `..` test, `basename()`, or a helper of the project given the name); a `startswith()` prefix without a separator is reported as what it is (`dest_evil/…` passes it). B202 covers `tarfile.extractall()`; `ZipFile.extract()` sanitises names itself.',
    why: 'Member names come from whoever made the archive: `../../home/app/.ssh/authorized_keys` or an absolute path writes outside the target directory ("zip slip", CWE-22).',
    example: 'for name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))',
    instead: 'base = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if os.path.commonpath([base, target]) != base:\n        raise ValueError(f"unsafe member {name!r}")\n    ...  # or simply zf.extractall(dest), which sanitises names',
    references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://security.snyk.io/research/zip-slip-vulnerability', 'https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extract'],
  },
  visit: {
    For(node, ctx) {
      // (Also through a name bound once to the list: `members = zf.infolist()` … `for info in members:`.)
      const b = node.iter.type === 'Name' ? ctx.semantic.lookup(node.iter.id, node.iter) : undefined;
      const it = b?.kind === 'assign' && b.count === 1 && b.value ? b.value : node.iter;
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
      // A `startswith()` test whose prefix does not end with a separator (`/srv/plugins/x` passes, so does `/srv/plugins/x_evil/…`).
      let prefixOnly: A.Call | null = null;
      let joinAt: A.Expr | null = null;
      for (const s of node.body) {
        walk(s, (n) => {
          if (checked) return false;
          if (n.type === 'Call') {
            const q = ctx.callName(n) ?? (n.func.type === 'Attribute' ? n.func.attr : '');
            const last = n.func.type === 'Attribute' ? n.func.attr : q;
            if (SANITISERS.test(q) || SANITISERS.test(last) || CONTAINMENT.test(q) || CONTAINMENT.test(last)) checked = true;
            else if (last === 'startswith' && n.args.length === 1) {
              if (endsWithSeparator(n.args[0], ctx)) checked = true;
              else prefixOnly ??= n;
            } else if (n.func.type === 'Name' && VALIDATOR_NAME.test(n.func.id) && n.args.some(isMember) && ['def', 'import'].includes(ctx.semantic.lookup(n.func.id, n)?.kind ?? '')) checked = true;
            if (!joinAt && (q === 'os.path.join' || q === 'posixpath.join' || q === 'pathlib.Path') && n.args.slice(1).some(isMember)) joinAt = n;
          } else if (n.type === 'Compare' && n.left.type === 'Constant' && n.left.value === '..') checked = true;
          else if (!joinAt && n.type === 'BinOp' && (n.op === 'Div' || n.op === 'Add') && isMember(n.right)) joinAt = n;
          else if (!joinAt && n.type === 'JoinedStr' && n.values.slice(1).some((v) => v.type === 'FormattedValue' && isMember(v.value))) joinAt = n;
          return true;
        });
      }
      if (checked || !joinAt) return;
      if (prefixOnly) {
        ctx.report(prefixOnly, { message: 'Archive member paths checked with a string prefix that does not end with a separator (zip slip): `dest_evil/…` starts with `dest` too; compare with os.path.commonpath([base, target]) == base, or add os.sep to the prefix.' });
        return;
      }
      ctx.report(joinAt, { message: 'Output path built from an archive member name without a containment check (zip slip): resolve it and check it stays inside the destination, or use extractall() with filter="data".' });
    },
  },
});

/** `base + os.sep`, `base + "/"`, `f"{base}/"`, `os.path.join(base, "")`, a constant ending with a separator. */
function endsWithSeparator(e: A.Expr, ctx: { callName(c: A.Call): string | null }): boolean {
  const sep = (x: A.Expr): boolean =>
    (x.type === 'Constant' && typeof x.value === 'string' && /[\\/]$/.test(x.value)) ||
    (x.type === 'Attribute' && (x.attr === 'sep' || x.attr === 'altsep')) ||
    (x.type === 'Name' && (x.id === 'sep' || x.id === 'SEP'));
  if (sep(e)) return true;
  if (e.type === 'BinOp' && e.op === 'Add') return sep(e.right);
  if (e.type === 'JoinedStr') {
    const tail = e.values[e.values.length - 1];
    return !!tail && sep(tail.type === 'FormattedValue' ? tail.value : tail);
  }
  if (e.type === 'Call' && /(?:^|\.)join$/.test(ctx.callName(e) ?? '')) {
    const tail = e.args[e.args.length - 1];
    return !!tail && tail.type === 'Constant' && tail.value === '';
  }
  return false;
}
