/**
 * Finding the line of a value in TOML/INI text. smol-toml returns values without
 * positions, so the parsers look the text up again: a table's line range, a key inside
 * it, or a quoted string. Every lookup falls back to the table header (or line 1),
 * never to "no line".
 */

/** A `[table]` / `[[array]]` header and the lines it covers (1-based, inclusive). */
export interface TableSpan {
  header: string;
  array: boolean;
  start: number;
  end: number;
}

/** Normalise a TOML header (`[ tool . poetry ]`, quoted keys) to `tool.poetry`. */
function normHeader(h: string): string {
  return h
    .split('.')
    .map((p) => p.trim().replace(/^["']|["']$/g, ''))
    .join('.');
}

export class TomlLines {
  readonly lines: string[];
  readonly tables: TableSpan[] = [];

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
    let current: TableSpan = { header: '', array: false, start: 1, end: this.lines.length };
    this.tables.push(current);
    this.lines.forEach((line, i) => {
      const m = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
      if (!m || !m[2]) return;
      current.end = i;
      current = { header: normHeader(m[2]), array: m[1] === '[[', start: i + 1, end: this.lines.length };
      this.tables.push(current);
    });
  }

  /** Spans of every table whose header is `header` (several for `[[array]]` tables). */
  spans(header: string): TableSpan[] {
    return this.tables.filter((t) => t.header === header);
  }

  /**
   * Line of `key = …` inside table `header` (the n-th span for arrays), or of a dotted
   * `header-suffix.key =` anywhere; falls back to the header line, then to 1.
   */
  keyLine(header: string, key: string, span?: TableSpan): number {
    const spans = span ? [span] : this.spans(header);
    const keyRe = new RegExp(`^\\s*["']?${escapeRe(key)}["']?\\s*=`, 'i');
    for (const s of spans) {
      for (let n = s.start; n <= s.end; n++) if (keyRe.test(this.lines[n - 1] ?? '')) return n;
    }
    // Dotted keys or inline tables in a parent table: `dependencies.requests = "…"`.
    const parts = header.split('.');
    const last = parts[parts.length - 1] ?? '';
    const dotted = new RegExp(`^\\s*${escapeRe(last)}\\s*\\.\\s*["']?${escapeRe(key)}["']?\\s*=`, 'i');
    for (let n = 1; n <= this.lines.length; n++) if (dotted.test(this.lines[n - 1] ?? '')) return n;
    return spans[0]?.start ?? 1;
  }

  /**
   * Line of the quoted string `value` (as `"value"` or `'value'`), searching `within`
   * first, then the whole file; `used` keeps two equal strings on different lines apart.
   */
  stringLine(value: string, within?: { start: number; end: number }, used?: Set<number>): number | undefined {
    const needles = [JSON.stringify(value), `'${value}'`, `"""${value}"""`];
    const ranges = within ? [within, { start: 1, end: this.lines.length }] : [{ start: 1, end: this.lines.length }];
    for (const r of ranges) {
      for (let n = r.start; n <= r.end; n++) {
        const line = this.lines[n - 1] ?? '';
        if (used?.has(n) && !line.includes(',')) continue;
        if (needles.some((q) => line.includes(q))) {
          used?.add(n);
          return n;
        }
      }
    }
    return undefined;
  }

  /** Line of the `key = [` array start inside table `header`, and the line its `]` closes on. */
  arraySpan(header: string, key: string): { start: number; end: number } | undefined {
    const start = this.keyLine(header, key);
    const first = this.lines[start - 1] ?? '';
    if (!new RegExp(`["']?${escapeRe(key)}["']?\\s*=`, 'i').test(first)) return undefined;
    let depth = 0;
    for (let n = start; n <= this.lines.length; n++) {
      const line = stripTomlComment(this.lines[n - 1] ?? '');
      for (const ch of line.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""')) {
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
      }
      if (depth <= 0 && n >= start && line.includes('[')) return { start, end: n };
      if (depth <= 0 && n > start) return { start, end: n };
    }
    return { start, end: this.lines.length };
  }
}

function stripTomlComment(line: string): string {
  return line.replace(/("(?:[^"\\]|\\.)*"|'[^']*')|#.*$/g, (_m, q: string | undefined) => q ?? '');
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
