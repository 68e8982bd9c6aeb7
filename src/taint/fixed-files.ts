/**
 * Files at a fixed path: what a deserialiser reads from a file the application names itself
 * (`pickle.load(open(MODEL_FILE, "rb"))`, `shelve.open(PREFS_DB)`, `torch.load(BASE_DIR /
 * "model.pt")`) is what the application or its operator put there, not what a request
 * sends. A finding on such a read is judged `constant` (dismissed by default) unless the
 * path is in a shared temporary folder or the module itself writes that path (an upload
 * saved there, then loaded). Everything is syntactic and bounded.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { pushChildrenReversed } from '../python/visit.js';
import { boundCall, importedConstant } from './models/predicates.js';

const MAX_DEPTH = 8;
/** Calls that build a path from paths: fixed when their arguments are. */
const PATH_BUILDERS = /^(?:pathlib\.(?:Pure)?(?:Posix|Windows)?Path|os\.path\.(?:join|dirname|abspath|realpath|normpath|expanduser)|posixpath\.join|str|os\.fspath)$/;
/** Methods of a path that give another path from it alone (or with fixed parts). */
const PATH_METHODS = new Set(['resolve', 'absolute', 'joinpath', 'with_suffix', 'with_name', 'expanduser']);
/** Folders anyone on the machine can write to. */
const SHARED_FOLDERS = /^(?:\/tmp|\/var\/tmp|\/dev\/shm)(?:\/|$)/;
/** Calls that write the file their argument names (its first argument, or the receiver of a method). */
const WRITERS = new Set(['save', 'write_bytes', 'write_text', 'copy', 'copyfile', 'copy2', 'move', 'rename', 'replace', 'urlretrieve', 'dump', 'extract', 'download_file', 'touch', 'symlink_to', 'hardlink_to']);

/**
 * The source text of the fixed path the file read at `e` comes from — `e` a file object
 * opened from it (`fh` of `with open(P, "rb") as fh`, `open(P)`, `P.open("rb")`) or the
 * path itself — or null when the path is not fixed, lies in a shared temporary folder, or
 * the module writes that path.
 */
export function fixedFile(e: A.Expr, sem: SemanticModel, text: (n: A.AnyNode) => string): string | null {
  const path = openedPath(e, sem) ?? e;
  if (!fixedPath(path, sem, 0)) return null;
  const shown = text(path);
  return writtenIn(sem.module.node, shown, text) ? null : shown;
}

/** The path a file object was opened from (`open(P)`, `P.open()`, directly or through a name bound once or by `with … as`), or null. */
function openedPath(e: A.Expr, sem: SemanticModel): A.Expr | null {
  const v = boundCall(e, sem);
  if (!v) return null;
  const q = sem.callName(v) ?? '';
  if ((q === 'open' || q === 'io.open') && v.args[0] && !sem.lookup('open', v)) return readMode(v, 1) ? v.args[0] : null;
  if (v.func.type === 'Attribute' && v.func.attr === 'open' && readMode(v, 0)) return v.func.value;
  return null;
}

/** Whether a call opens for reading only (its mode argument, at `index` or `mode=`, has no w, a, x or +). */
function readMode(call: A.Call, index: number): boolean {
  const m = call.args[index] ?? call.keywords.find((k) => k.arg === 'mode')?.value;
  if (!m) return true;
  return m.type === 'Constant' && typeof m.value === 'string' && !/[wax+]/.test(m.value);
}

/** A path the code fixes: constants, `__file__`, module constants, and paths built from them. */
function fixedPath(e: A.Expr, sem: SemanticModel, d: number): boolean {
  if (d > MAX_DEPTH) return false;
  const c = sem.constValue(e);
  if (typeof c === 'string') return !SHARED_FOLDERS.test(c);
  switch (e.type) {
    case 'Name': {
      if (e.id === '__file__') return true;
      const b = sem.lookup(e.id, e);
      if (!b || b.count !== 1) return false;
      if (b.kind === 'import') return importedConstant(e, sem);
      return b.kind === 'assign' && !!b.value && b.value !== e && sem.scopeOf(b.node) === sem.module && fixedPath(b.value, sem, d + 1);
    }
    case 'Attribute':
      if (e.attr === 'parent' || e.attr === 'parents') return fixedPath(e.value, sem, d + 1);
      return importedConstant(e, sem);
    case 'Subscript':
      // `Path(__file__).parents[1]`
      return e.value.type === 'Attribute' && e.value.attr === 'parents' && fixedPath(e.value, sem, d + 1);
    case 'BinOp':
      return (e.op === 'Div' || e.op === 'Add') && fixedPath(e.left, sem, d + 1) && fixedPath(e.right, sem, d + 1);
    case 'JoinedStr':
      return e.values.every((v) => (v.type === 'FormattedValue' ? fixedPath(v.value, sem, d + 1) : true));
    case 'Call': {
      if (e.keywords.length || e.args.some((a) => a.type === 'Starred')) return false;
      const q = sem.callName(e) ?? '';
      if (PATH_BUILDERS.test(q)) return e.args.length > 0 && e.args.every((a) => fixedPath(a, sem, d + 1));
      if (e.func.type === 'Attribute' && PATH_METHODS.has(e.func.attr)) return fixedPath(e.func.value, sem, d + 1) && e.args.every((a) => fixedPath(a, sem, d + 1));
      return false;
    }
    default:
      return false;
  }
}

/** Whether the module writes the file named by the source text `shown` (opened for writing, saved, copied or moved to it). */
function writtenIn(module: A.AnyNode, shown: string, text: (n: A.AnyNode) => string): boolean {
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Call') {
      const f = n.func;
      const name = f.type === 'Attribute' ? f.attr : f.type === 'Name' ? f.id : '';
      const named = (x: A.AnyNode | undefined) => !!x && text(x) === shown;
      if ((name === 'open' && f.type === 'Name' && named(n.args[0]) && !readMode(n, 1)) || (f.type === 'Attribute' && name === 'open' && named(f.value) && !readMode(n, 0))) return true;
      if (WRITERS.has(name) && (n.args.some(named) || n.keywords.some((k) => named(k.value)) || (f.type === 'Attribute' && named(f.value)))) return true;
    }
    pushChildrenReversed(n, stack);
  }
  return false;
}
