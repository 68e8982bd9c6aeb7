/**
 * String literals: plain, raw and bytes literals, f-strings and t-strings (with their
 * interpolations, conversions and format specs), and implicit concatenation, lowered to
 * `Constant` or `JoinedStr` as CPython does.
 */
import type * as A from '../ast.js';
import { field, type Raw } from './raw.js';
import { SourceReader } from './reader.js';

/**
 * The string part of the lowering. The expressions inside interpolations are lowered by
 * the subclass (`rhs`), which keeps this file free of an import of the expression part.
 */
export abstract class StringLowering extends SourceReader {
  /** One expression (or an implicit tuple) as the right-hand side of an assignment. */
  protected abstract rhs(r: Raw): A.Expr;

  /** One string literal or an implicit concatenation of several. */
  protected strings(r: Raw, parts: Raw[]): A.Expr {
    let isF = false;
    let isBytes = false;
    const pieces: (string | A.FormattedValue)[] = [];
    for (const s of parts) {
      let prefix: string;
      let contentStart: number;
      let contentEnd: number;
      if (s.k.length === 0) {
        // Not descended into (no f/t prefix): read from the source.
        ({ prefix, contentStart, contentEnd } = this.literalParts(s));
      } else {
        const start = s.k.find((k) => k.t === 'string_start');
        const end = s.k.find((k) => k.t === 'string_end');
        if (!start) continue;
        prefix = this.text(start).replace(/['"]+$/, '').toLowerCase();
        contentStart = start.e;
        contentEnd = end ? end.s : s.e;
      }
      const raw = prefix.includes('r');
      const fstr = prefix.includes('f') || prefix.includes('t');
      if (prefix.includes('b')) isBytes = true;
      if (!fstr) {
        pieces.push(decodeLiteral(this.src.slice(contentStart, contentEnd), raw));
        continue;
      }
      isF = true;
      let pos = contentStart;
      for (const k of s.k) {
        if (k.t !== 'interpolation') continue;
        if (k.s > pos) pieces.push(decodeLiteral(this.src.slice(pos, k.s), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
        pieces.push(this.interpolation(k));
        pos = k.e;
      }
      if (contentEnd > pos) pieces.push(decodeLiteral(this.src.slice(pos, contentEnd), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
    }
    if (!isF) {
      // No f/t string among the parts: every piece is text.
      return this.at<A.Constant>(r, { type: 'Constant', value: (pieces as string[]).join(''), kind: isBytes ? 'bytes' : 'str' });
    }
    const values: A.Expr[] = [];
    let acc = '';
    for (const p of pieces) {
      if (typeof p === 'string') acc += p;
      else {
        if (acc) values.push(this.at<A.Constant>(r, { type: 'Constant', value: acc, kind: 'str' }));
        acc = '';
        values.push(p);
      }
    }
    if (acc) values.push(this.at<A.Constant>(r, { type: 'Constant', value: acc, kind: 'str' }));
    return this.at<A.JoinedStr>(r, { type: 'JoinedStr', values });
  }

  /** Prefix, quote length and content range of a string literal read from the source (for strings not descended into). */
  private literalParts(s: Raw): { prefix: string; contentStart: number; contentEnd: number } {
    const src = this.src;
    let i = s.s;
    while (i < s.e && /[a-zA-Z]/.test(src[i])) i++;
    const prefix = src.slice(s.s, i).toLowerCase();
    const q = src[i] ?? '"';
    const qlen = src.startsWith(q + q + q, i) ? 3 : 1;
    const contentStart = Math.min(i + qlen, s.e);
    const close = q.repeat(qlen);
    const contentEnd = s.e - qlen >= contentStart && src.startsWith(close, s.e - qlen) ? s.e - qlen : s.e;
    return { prefix, contentStart, contentEnd };
  }

  /** One `{…}` of an f-string: its expression, `!r`/`!s`/`!a` conversion and format spec (itself a JoinedStr). */
  private interpolation(k: Raw): A.FormattedValue {
    const e = field(k, 'expression');
    const conv = field(k, 'type_conversion');
    const spec = field(k, 'format_specifier');
    let conversion = -1;
    if (conv) {
      const c = this.text(conv).replace('!', '');
      conversion = c.charCodeAt(0);
    }
    let format_spec: A.JoinedStr | null = null;
    if (spec) {
      const values: A.Expr[] = [];
      let pos = spec.s + 1; // skip ':'
      for (const x of spec.k) {
        if (x.t !== 'interpolation' && x.t !== 'format_expression') continue;
        if (x.s > pos) values.push(this.at<A.Constant>(spec, { type: 'Constant', value: this.src.slice(pos, x.s), kind: 'str' }));
        values.push(this.interpolation(x));
        pos = x.e;
      }
      if (spec.e > pos) values.push(this.at<A.Constant>(spec, { type: 'Constant', value: this.src.slice(pos, spec.e), kind: 'str' }));
      format_spec = this.at<A.JoinedStr>(spec, { type: 'JoinedStr', values });
    }
    return this.at<A.FormattedValue>(k, {
      type: 'FormattedValue',
      value: e ? this.rhs(e) : this.unparsed(k, 'missing'),
      conversion,
      format_spec,
    });
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '', '\r': '',
};

/** Decode the escapes of a Python string literal's body (not raw strings). */
export function decodeLiteral(body: string, raw: boolean): string {
  if (raw || body.indexOf('\\') === -1) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|\r\n|[\s\S])/g, (m, esc: string) => {
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (esc === '\r\n') return '';
    const c = esc[0];
    if (c === 'x' || c === 'u' || c === 'U') {
      const cp = parseInt(esc.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    if (c >= '0' && c <= '7') return String.fromCharCode(parseInt(esc, 8) & 0xffff);
    return m; // unknown escapes and \N{...} are kept as written
  });
}
