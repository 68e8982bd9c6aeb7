/**
 * A small reader of INI text as Python's `configparser` reads it, keeping line numbers:
 * `[section]` headers, `key = value` or `key: value`, full-line `#`/`;` comments, and
 * multi-line values whose continuation lines are indented. Used for `setup.cfg` manifests
 * and for constant texts given to `configparser.read_string` in the data-flow analysis.
 *
 * Source: <https://docs.python.org/3/library/configparser.html#supported-ini-file-structure>.
 */

export interface IniValue {
  section: string;
  key: string;
  /** Each non-empty value line with its 1-based line number. */
  items: { text: string; line: number }[];
}

/** A small INI reader that keeps line numbers (configparser's multi-line rules). */
export function readIni(text: string): { values: IniValue[]; error?: { line: number; message: string } } {
  const values: IniValue[] = [];
  let section = '';
  let current: IniValue | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const n = i + 1;
    // Full-line comments (also inside multi-line values) and blank lines. configparser, as
    // setuptools configures it, has no inline comments: `; marker` stays part of the value.
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const sec = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (sec?.[1]) {
      section = sec[1].trim();
      current = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current) {
      current.items.push({ text: raw.trim(), line: n });
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv?.[1]) return { values, error: { line: n, message: `line ${n}: expected "key = value" or a [section]` } };
    current = { section, key: kv[1].trim(), items: [] };
    const v = (kv[2] ?? '').trim();
    if (v) current.items.push({ text: v, line: n });
    values.push(current);
  }
  return { values };
}
