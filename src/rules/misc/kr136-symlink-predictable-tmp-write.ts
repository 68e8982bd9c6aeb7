import { defineRule, type RuleContext } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const SHARED_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];
/** Parts of a path expression that make the name unpredictable. */
const UNPREDICTABLE_CALL = /(^|\.)(uuid\d?|token_hex|token_urlsafe|token_bytes|urandom|randint|randbytes|getrandbits|choice|choices|mkstemp|mkdtemp|NamedTemporaryFile|TemporaryDirectory|TemporaryFile|hex)$|^secrets\.|^random\./;
const UNPREDICTABLE_NAME = /uuid|token|rand|unique|nonce/i;

/**
 * The path an expression names, when it is a fixed name in a shared temporary directory
 * (`"/tmp/app.lock"`, `f"/tmp/{user}.log"`, `os.path.join("/tmp", "x")`,
 * `os.path.join(tempfile.gettempdir(), "x")`, `Path("/tmp") / "x"`): its text for the
 * message, else undefined.
 */
function predictableSharedPath(e: A.Expr, ctx: RuleContext, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (e.type === 'Name') {
    const b = ctx.semantic.lookup(e.id, e);
    if (b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== e) return predictableSharedPath(b.value, ctx, depth + 1);
    return undefined;
  }
  let unpredictable = false;
  walk(e, (x) => {
    if (x.type === 'Call' && UNPREDICTABLE_CALL.test(ctx.callName(x) ?? (x.func.type === 'Attribute' ? x.func.attr : x.func.type === 'Name' ? x.func.id : ''))) unpredictable = true;
    if (x.type === 'Name' && UNPREDICTABLE_NAME.test(x.id)) unpredictable = true;
    if (x.type === 'Attribute' && UNPREDICTABLE_NAME.test(x.attr)) unpredictable = true;
    return !unpredictable;
  });
  if (unpredictable) return undefined;
  const head = headOf(e, ctx);
  if (head === undefined) return undefined;
  const dir = SHARED_DIRS.find((d) => head.dir === d || head.dir.startsWith(d + '/'));
  if (!dir || !head.named) return undefined;
  const text = (ctx.lines[e.lineno - 1] ?? '').slice(e.col_offset, e.lineno === e.end_lineno ? e.end_col_offset : undefined);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** The leading directory of a path expression and whether a file name follows it. */
function headOf(e: A.Expr, ctx: RuleContext): { dir: string; named: boolean } | undefined {
  const v = ctx.constValue(e);
  if (typeof v === 'string') return { dir: v.replace(/\/[^/]*$/, '') || v, named: v.replace(/\/+$/, '') !== v.replace(/\/[^/]*$/, '') && !SHARED_DIRS.includes(v.replace(/\/+$/, '')) };
  if (e.type === 'JoinedStr') {
    const first = e.values[0];
    const s = first && first.type === 'Constant' && typeof first.value === 'string' ? first.value : undefined;
    if (!s) return undefined;
    return { dir: s.replace(/\/[^/]*$/, ''), named: s.includes('/') && e.values.length > 1 };
  }
  if (e.type === 'BinOp' && (e.op === 'Add' || e.op === 'Div' || e.op === 'Mod')) {
    const l = ctx.constValue(e.left);
    if (typeof l === 'string') return { dir: e.op === 'Div' ? l.replace(/\/+$/, '') : l.replace(/\/[^/]*$/, ''), named: true };
    const inner = e.left.type === 'Call' || e.left.type === 'BinOp' || e.left.type === 'Name' ? headOf(e.left, ctx) : undefined;
    if (inner) return { dir: inner.dir, named: true };
    return undefined;
  }
  if (e.type === 'Call') {
    const q = ctx.callName(e);
    if (q === 'tempfile.gettempdir') return { dir: '/tmp', named: false };
    if ((q === 'os.path.join' || q === 'posixpath.join' || q === 'pathlib.Path' || q === 'pathlib.PurePath') && e.args[0]) {
      const first = e.args[0];
      const fv = ctx.constValue(first);
      const base = typeof fv === 'string' ? { dir: fv.replace(/\/+$/, ''), named: false } : first.type === 'Call' ? headOf(first, ctx) : undefined;
      if (!base) return undefined;
      return { dir: base.dir, named: base.named || e.args.length > 1 || (typeof fv === 'string' && !SHARED_DIRS.includes(fv.replace(/\/+$/, ''))) };
    }
  }
  return undefined;
}

const WRITE_MODE = /[wa+]/;

/** KR136: writing to a predictable path in a shared temporary directory without O_EXCL/O_NOFOLLOW. */
export const symlinkPredictableTmpWrite = defineRule({
  id: 'KR136',
  name: 'symlink-predictable-tmp-write',
  category: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [59, 377],
  docs: {
    what: 'Flags writes to a fixed file name in a shared temporary directory (`/tmp`, `/var/tmp`, `/dev/shm`, `tempfile.gettempdir()`) that follow symbolic links: `open(p, "w"|"a"|"r+")`, `Path(p).write_text()`/`write_bytes()`/`touch()`, `os.open(p, …)` without `O_EXCL` or `O_NOFOLLOW`, and `shutil.copy*`/`move` to such a path. B108 flags every literal `/tmp` path; this flags the write that a link attack needs.',
    why: "Any local user can create `/tmp/app.log` before your program runs, as a symbolic link to `~/.ssh/authorized_keys` or `/etc/cron.d/x`. `open(\"/tmp/app.log\", \"w\")` follows the link and your program, with its privileges, truncates and writes the victim file (CWE-59 improper link resolution before file access, CWE-377 insecure temporary file). `O_EXCL` (mode `\"x\"`) refuses an existing name and `O_NOFOLLOW` a link.",
    example: 'with open("/tmp/report.csv", "w") as f:\n    f.write(data)',
    instead: 'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:  # unique name, O_EXCL, 0600\n    f.write(data)\n# or: fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)',
    references: ['https://cwe.mitre.org/data/definitions/59.html', 'https://cwe.mitre.org/data/definitions/377.html', 'https://docs.python.org/3/library/tempfile.html', 'https://man7.org/linux/man-pages/man2/open.2.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      let target: A.Expr | undefined;
      let how = '';
      if (q === 'open' || q === 'io.open' || q === 'codecs.open') {
        const modeNode = node.args[1] ?? keywordArg(node, 'mode')?.value;
        const mode = modeNode ? ctx.constValue(modeNode) : 'r';
        if (typeof mode !== 'string' || !WRITE_MODE.test(mode) || mode.includes('x')) return;
        target = node.args[0] ?? keywordArg(node, 'file')?.value;
        how = `open(…, "${mode}")`;
      } else if (q === 'os.open') {
        const flags = node.args[1] ?? keywordArg(node, 'flags')?.value;
        if (!flags) return;
        const text = ctx.lines.slice(flags.lineno - 1, flags.end_lineno).join(' ');
        if (!/O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)/.test(text) || /O_EXCL|O_NOFOLLOW/.test(text)) return;
        target = node.args[0] ?? keywordArg(node, 'path')?.value;
        how = 'os.open() without O_EXCL/O_NOFOLLOW';
      } else if (q && /^shutil\.(copy|copy2|copyfile|move)$/.test(q)) {
        target = node.args[1] ?? keywordArg(node, 'dst')?.value;
        how = `${q}()`;
      } else if (node.func.type === 'Attribute' && /^(write_text|write_bytes|touch|open)$/.test(node.func.attr)) {
        const recv = node.func.value;
        const isPath = (e: A.Expr): boolean => (e.type === 'Call' && /^pathlib\.(Pure)?Path$/.test(ctx.callName(e) ?? '')) || (e.type === 'BinOp' && e.op === 'Div' && isPath(e.left));
        let pathExpr: A.Expr | undefined = isPath(recv) ? recv : undefined;
        if (!pathExpr && recv.type === 'Name') {
          const b = ctx.semantic.lookup(recv.id, recv);
          if (b && b.kind === 'assign' && b.count === 1 && b.value && isPath(b.value)) pathExpr = b.value;
        }
        if (!pathExpr) return;
        if (node.func.attr === 'open') {
          const modeNode = node.args[0] ?? keywordArg(node, 'mode')?.value;
          const mode = modeNode ? ctx.constValue(modeNode) : 'r';
          if (typeof mode !== 'string' || !WRITE_MODE.test(mode) || mode.includes('x')) return;
        }
        if (node.func.attr === 'touch' && keywordArg(node, 'exist_ok') && ctx.constValue(keywordArg(node, 'exist_ok')!.value) === false) return;
        target = pathExpr.type === 'Call' && pathExpr.args.length === 1 ? pathExpr.args[0] : pathExpr;
        how = `Path.${node.func.attr}()`;
      } else return;
      if (!target) return;
      const shown = predictableSharedPath(target, ctx);
      if (!shown) return;
      ctx.report(node, {
        message: `${how} writes to the predictable shared path ${shown}: another local user can plant a symbolic link there first and redirect the write.`,
        fix: 'Use tempfile.NamedTemporaryFile()/mkstemp() (unique name, O_EXCL, mode 0600), or os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600) in a private directory.',
      });
    },
  },
});
