/**
 * Inline suppressions, as bandit and ruff users write them:
 *   `# nosec`                 every check on that line
 *   `# nosec B602, B607`      only those (bandit IDs or check names)
 *   `# noqa: S602`            ruff's flake8-bandit codes (S602 = B602); krait ids work too
 *   `# pragma: allowlist secret`   detect-secrets' marker (secrets only)
 * A justification may follow the IDs: `# nosec B602 -- reason` or `# nosec B602: reason`.
 * A suppression on any line of a multi-line statement covers the whole statement.
 *
 * {@link parseSuppressionComment} is the one parser of these comments; the engine, the
 * secrets analysis and any rule about suppressions (e.g. one flagging a missing reason)
 * read comments through it.
 */

/** One suppression marker of a comment, resolved for the engine (see {@link parseSuppressionMarkers}). */
export interface SuppressionMarker {
  /** `nosec` (bandit), `noqa` (ruff/flake8) or `pragma` (detect-secrets' `allowlist secret`). */
  kind: 'nosec' | 'noqa' | 'pragma';
  /** `all`, or the suppressed ids (upper-case, `S602` read as `B602`) and check names (kebab-case). */
  ids: 'all' | Set<string>;
  /** The reason written after the IDs (`-- reason`, `: reason`), when one was given. */
  justification?: string;
  /** The comment as written from its marker on (trimmed, at most 200 characters). */
  text: string;
}

/** Per-line suppressions of one file: line → the suppression markers on it. */
export type Suppressions = Map<number, SuppressionMarker[]>;

/** No suppressions (with `--ignore-nosec`, every marker is ignored). */
export function noSuppressions(): Suppressions {
  return new Map<number, SuppressionMarker[]>();
}

const ID = /^(?:B\d{3}|KR\d{3,4}|S\d{3})$/i;
const MARKER = /#\s*(nosec\b|noqa\b)|(pragma:\s*allowlist[ -]secret\b)/gi;

/**
 * Every suppression marker in one comment (`# noqa: S602  # nosec B101 -- reason` gives
 * two), each read by {@link parseSuppressionComment}, the one parser of these comments;
 * plus detect-secrets' `pragma: allowlist secret` (after any comment marker). A bare
 * `# noqa`, or one naming only other tools' codes (`E501`), is not a krait suppression.
 */
export function parseSuppressionMarkers(comment: string): SuppressionMarker[] {
  const out: SuppressionMarker[] = [];
  if (comment.length > 2000) return out;
  const markers = [...comment.matchAll(MARKER)];
  markers.forEach((m, i) => {
    const end = i + 1 < markers.length ? markers[i + 1].index : comment.length;
    const segment = comment.slice(m.index, end);
    const text = segment.trim().slice(0, 200);
    if (m[2]) {
      const justification = cleanReason(segment.slice(m[0].length));
      out.push({ kind: 'pragma', ids: 'all', text, ...(justification ? { justification } : {}) });
      return;
    }
    const parsed = parseSuppressionComment(segment);
    if (!parsed) return;
    const ids = new Set<string>();
    for (const w of parsed.ids) {
      if (ID.test(w)) ids.add(normaliseId(w));
      else if (w.includes('_')) ids.add(w.replace(/_/g, '-').toLowerCase());
    }
    if (parsed.tool === 'noqa' && ids.size === 0) return;
    out.push({ kind: parsed.tool, ids: ids.size ? ids : 'all', text, ...(parsed.justification ? { justification: parsed.justification } : {}) });
  });
  return out;
}

/** The reason after the IDs, without its leading separator (`--`, `:`, `—`, `-`). */
function cleanReason(rest: string): string | undefined {
  const r = rest.replace(/^[\s,]*(?:--+|\u2014|\u2013|:|-)?\s*/, '').trim();
  return r ? r.slice(0, 200) : undefined;
}

/**
 * Read suppressions from comments.
 * @param comments comment text (with `#`) and its 1-based line
 */
export function readSuppressions(comments: Iterable<{ line: number; text: string }>): Suppressions {
  const out: Suppressions = new Map();
  for (const c of comments) {
    const parsed = parseSuppressionMarkers(c.text).filter((p) => p.kind !== 'pragma');
    if (!parsed.length) continue;
    const prev = out.get(c.line);
    if (prev) prev.push(...parsed);
    else out.set(c.line, parsed);
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
    const l = lines[i];
    const hash = l.indexOf('#');
    if (hash !== -1 && l.length < 5000 && /nosec|noqa/i.test(l)) comments.push({ line: i + 1, text: l.slice(hash) });
  }
  return readSuppressions(comments);
}

/**
 * The suppression comment that silences a finding of rule `id` (kebab-case `name`) on
 * lines `from..to`, or undefined.
 */
export function suppressionFor(s: Suppressions, id: string, name: string, from: number, to: number): SuppressionMarker | undefined {
  if (s.size === 0) return undefined;
  for (let l = from; l <= to; l++) {
    const list = s.get(l);
    if (!list) continue;
    for (const x of list) if (x.ids === 'all' || x.ids.has(id) || x.ids.has(name)) return x;
  }
  return undefined;
}

/** Is a finding of rule `id` (kebab-case `name`) on lines `from..to` suppressed? */
export function isSuppressed(s: Suppressions, id: string, name: string, from: number, to: number): boolean {
  return suppressionFor(s, id, name, from, to) !== undefined;
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
    if (!t || !CODE_TOKEN.test(t[1]) || (nosec && !ID.test(t[1]) && !t[1].includes('_'))) break;
    ids.push(t[1]);
    rest = rest.slice(t[0].length);
  }
  const reason = rest.replace(/^[\s,]*(?:--+|-|\u2014|\u2013|:|;|#+)?\s*/, '').replace(/\s*#\s*$/, '').trim();
  const out: SuppressionComment = { tool: nosec ? 'nosec' : 'noqa', ids, offset: m.index };
  if (/[A-Za-z]{3}/.test(reason)) out.justification = reason;
  return out;
}
