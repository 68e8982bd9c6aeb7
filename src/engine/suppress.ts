/**
 * Inline suppressions, as bandit and ruff users write them:
 *   `# nosec`                 every check on that line
 *   `# nosec B602, B607`      only those (bandit IDs or check names)
 *   `# noqa: S602`            ruff's flake8-bandit codes (S602 = B602); krait ids work too
 * A suppression on any line of a multi-line statement covers the whole statement.
 */

/** Per-line suppressions of one file: line → 'all' or the set of suppressed ids/names (upper-case ids, lower-case names). */
export type Suppressions = Map<number, 'all' | Set<string>>;

const NOSEC = /#\s*nosec\b:?([^#]*)/i;
const NOQA = /#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)/i;
const ID = /^(?:B\d{3}|KR\d{3,4}|S\d{3})$/i;

/**
 * Read suppressions from comments.
 * @param comments comment text (with `#`) and its 1-based line
 */
export function readSuppressions(comments: Iterable<{ line: number; text: string }>): Suppressions {
  const out: Suppressions = new Map();
  for (const c of comments) {
    const text = c.text;
    if (text.length > 2000) continue;
    const add = (what: 'all' | Set<string>) => {
      const prev = out.get(c.line);
      if (prev === 'all' || what === 'all') out.set(c.line, 'all');
      else if (prev) for (const x of what) prev.add(x);
      else out.set(c.line, what);
    };
    const nosec = NOSEC.exec(text);
    if (nosec) {
      const words = (nosec[1] ?? '').split(/[\s,]+/).filter(Boolean);
      const ids = new Set<string>();
      for (const w of words) {
        if (ID.test(w)) ids.add(normaliseId(w));
        else if (/^[a-z][a-z0-9_-]+$/.test(w) && w.includes('_')) ids.add(w.replace(/_/g, '-').toLowerCase());
      }
      add(ids.size ? ids : 'all');
    }
    const noqa = NOQA.exec(text);
    if (noqa) {
      const ids = new Set<string>();
      for (const w of noqa[1]!.split(/[\s,]+/)) if (ID.test(w)) ids.add(normaliseId(w));
      if (ids.size) add(ids);
    }
  }
  return out;
}

function normaliseId(w: string): string {
  const u = w.toUpperCase();
  return u.startsWith('S') ? 'B' + u.slice(1) : u;
}

/** Comment-like suppressions in a non-Python text file (`# nosec` at the end of a line). */
export function readTextSuppressions(lines: readonly string[]): Suppressions {
  const comments: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const hash = l.indexOf('#');
    if (hash !== -1 && l.length < 5000 && /nosec|noqa/i.test(l)) comments.push({ line: i + 1, text: l.slice(hash) });
  }
  return readSuppressions(comments);
}

/**
 * Is a finding of rule `id` (kebab-case `name`) on lines `from..to` suppressed?
 */
export function isSuppressed(s: Suppressions, id: string, name: string, from: number, to: number): boolean {
  if (s.size === 0) return false;
  for (let l = from; l <= to; l++) {
    const x = s.get(l);
    if (!x) continue;
    if (x === 'all' || x.has(id) || x.has(name)) return true;
  }
  return false;
}

/** One suppression comment, read as a reviewer reads it. */
export interface SuppressionComment {
  /** `nosec` (bandit) or `noqa` (ruff/flake8). */
  tool: 'nosec' | 'noqa';
  /** The ids or check names it names, as written (empty for a blanket `# nosec`). */
  ids: string[];
  /** The reason written after the ids (`# nosec B602 -- reason`, `# nosec B602: reason`, `# nosec  # reason`), if any. */
  justification?: string;
  /** 0-based column of the `#` that starts the suppression in the comment text. */
  offset: number;
}

const NOSEC_FULL = /#\s*nosec\b/i;
const NOQA_FULL = /#\s*noqa\b\s*(?::\s*)?/i;
const CODE_TOKEN = /^(?:[A-Z]+[0-9]+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$/i;

/**
 * Parse the `# nosec …` or `# noqa …` part of a comment: the ids it names and the
 * justification after them. The justification is whatever follows the ids after a
 * separator (`--`, `-`, `—`, `:`, `;`, a second `#`), or plain words after the ids; it
 * must hold at least one word of three letters. Returns undefined when the comment
 * suppresses nothing.
 */
export function parseSuppressionComment(text: string): SuppressionComment | undefined {
  if (text.length > 2000) return undefined;
  const nosec = NOSEC_FULL.exec(text);
  const noqa = nosec ? null : NOQA_FULL.exec(text);
  const m = nosec ?? noqa;
  if (!m) return undefined;
  let rest = text.slice(m.index + m[0].length);
  if (nosec) rest = rest.replace(/^\s*:/, '');
  const ids: string[] = [];
  // Ids: tokens separated by commas or spaces, up to the first token that is not one.
  for (;;) {
    const t = /^[\s,]*([A-Za-z][A-Za-z0-9_-]*)/.exec(rest);
    if (!t || !CODE_TOKEN.test(t[1]!) || (nosec && !ID.test(t[1]!) && !t[1]!.includes('_'))) break;
    ids.push(t[1]!);
    rest = rest.slice(t[0].length);
  }
  const reason = rest.replace(/^[\s,]*(?:--+|-|—|–|:|;|#+)?\s*/, '').replace(/\s*#\s*$/, '').trim();
  const out: SuppressionComment = { tool: nosec ? 'nosec' : 'noqa', ids, offset: m.index };
  if (/[A-Za-z]{3}/.test(reason)) out.justification = reason;
  return out;
}
