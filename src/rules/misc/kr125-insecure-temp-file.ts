import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const UNPREDICTABLE = /uuid|token|random|urandom|mkstemp|mkdtemp|NamedTemporaryFile|TemporaryDirectory|secrets\./;

/** KR125: fixed file names in the shared temporary directory. */
export const insecureTempFile = defineRule({
  id: 'KR125',
  name: 'insecure-temp-file',
  category: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [377],
  docs: {
    what: 'Flags paths built from `tempfile.gettempdir()` (or `tempfile.tempdir`) and a predictable name: `os.path.join(tempfile.gettempdir(), "app.db")`, `gettempdir() + "/x"`, f-strings, `Path(gettempdir()) / "x"`.',
    why: 'The temporary directory is shared by every user of the machine: another user can create the file (or a symlink to one of yours) first, then read what you write or make you overwrite a file of theirs choosing (CWE-377). B108 catches literal "/tmp" paths; this catches the portable spelling.',
    example: 'path = os.path.join(tempfile.gettempdir(), "export.csv")\nwith open(path, "w") as f: ...',
    instead: 'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f: ...  # unique name, 0600, O_EXCL',
    references: ['https://cwe.mitre.org/data/definitions/377.html', 'https://docs.python.org/3/library/tempfile.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (q !== 'tempfile.gettempdir' && q !== 'tempfile.gettempdirb') return;
      // Climb to the expression that builds a path from it.
      let n: A.AnyNode = node;
      let builder: A.Expr | null = null;
      for (let i = 0; i < 4 && n.parent; i++) {
        const p: A.AnyNode = n.parent;
        if (p.type === 'BinOp' && (p.op === 'Add' || p.op === 'Div')) builder = p;
        else if (p.type === 'JoinedStr' || p.type === 'FormattedValue') builder = p.type === 'JoinedStr' ? p : builder;
        else if (p.type === 'Call') {
          const pq = ctx.callName(p);
          if (pq === 'os.path.join' || pq === 'pathlib.Path' || pq === 'posixpath.join') builder = p;
          else if (!(p.func.type === 'Attribute' && p.func.attr === 'joinpath') && pq !== 'str') break;
          else builder = p;
        } else if (p.type !== 'keyword') break;
        n = p;
      }
      if (!builder) return;
      let unpredictable = false;
      let hasName = false;
      walk(builder, (x) => {
        if (x.type === 'Call' && x !== node && UNPREDICTABLE.test(ctx.callName(x) ?? (x.func.type === 'Attribute' ? x.func.attr : ''))) unpredictable = true;
        if (x.type === 'Name' && /uuid|token|rand|unique/i.test(x.id)) unpredictable = true;
        if (x.type === 'Constant' && typeof x.value === 'string' && x.value.replace(/[\\/]/g, '') !== '') hasName = true;
        return !unpredictable;
      });
      if (unpredictable || !hasName) return;
      ctx.report(builder, { message: 'A fixed file name in the shared temporary directory can be pre-created or symlinked by another user: use tempfile.NamedTemporaryFile/mkstemp/mkdtemp.' });
    },
  },
});
