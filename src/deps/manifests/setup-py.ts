/**
 * `setup.py`: literal `install_requires=[…]` (and `setup_requires`, `tests_require`,
 * `extras_require={…: […]}`) only. setup.py is code and is never run; a value that is
 * not a literal list of strings is reported as a diagnostic, not guessed.
 *
 * NOTE: this is a deliberately small scanner of Python string literals, brackets and
 * comments, limited to those keywords, written before krait's Python parser existed
 * (`src/python/`). When `parsePython` is available it should replace this scanner
 * (walk the `setup(...)` call's keywords in the AST).
 */
import { makeRequirement, parsePep508 } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';

interface Tok {
  kind: 'str' | 'punct' | 'name' | 'other';
  value: string;
  line: number;
}

/** Tokenise just enough Python: strings (with prefixes, triple quotes), names, punctuation, comments. */
export function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const sm = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (sm && (sm[1] === '' || /[A-Za-z]/.test(c))) {
      const prefix = sm[1] ?? '';
      const q = sm[2];
      const startLine = line;
      let j = i + prefix.length + q.length;
      let value = '';
      const raw = /r/i.test(prefix);
      while (j < n && !text.startsWith(q, j)) {
        const ch = text[j];
        if (ch === '\\' && !raw) {
          const next = text[j + 1] ?? '';
          if (next === '\n') line++;
          else value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
          continue;
        }
        if (ch === '\n') {
          line++;
          if (q.length === 1) break; // unterminated single-quoted string
        }
        value += ch;
        j++;
      }
      toks.push({ kind: /f/i.test(prefix) ? 'other' : 'str', value, line: startLine });
      i = j + q.length;
      continue;
    }
    const nm = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 100));
    if (nm) {
      toks.push({ kind: 'name', value: nm[0], line });
      i += nm[0].length;
      continue;
    }
    toks.push({ kind: '[](){},:=+'.includes(c) ? 'punct' : 'other', value: c, line });
    i++;
  }
  return toks;
}

const KEYWORDS = new Map([
  ['install_requires', 'main'],
  ['setup_requires', 'build-system'],
  ['tests_require', 'test'],
]);

/** Read a literal list/tuple of strings starting at `toks[i]` (`[` or `(`); returns the strings or undefined. */
function literalList(toks: Tok[], i: number): { items: Tok[]; end: number } | undefined {
  const open = toks[i];
  if (!open || (open.value !== '[' && open.value !== '(')) return undefined;
  const close = open.value === '[' ? ']' : ')';
  const items: Tok[] = [];
  let j = i + 1;
  while (j < toks.length) {
    const t = toks[j];
    if (t.value === close && t.kind === 'punct') return { items, end: j };
    if (t.kind === 'str') {
      // Implicit concatenation of adjacent literals.
      let v = t.value;
      while (toks[j + 1]?.kind === 'str') v += (toks[++j]).value;
      items.push({ ...t, value: v });
    } else if (!(t.kind === 'punct' && t.value === ',')) return undefined;
    j++;
  }
  return undefined;
}

/** Parse the literal requirement lists of a `setup.py`. */
export function parseSetupPy(file: ManifestFile): ManifestResult {
  const result = emptyResult('setup-py');
  const toks = tokenize(file.text);
  // Module-level `NAME = [...]` literal lists, so `install_requires=REQUIREMENTS` resolves.
  const assigned = new Map<string, Tok[]>();
  for (let i = 0; i + 2 < toks.length; i++) {
    const a = toks[i];
    if (a.kind === 'name' && toks[i + 1]?.value === '=' && toks[i + 2]?.value !== '=' && (i === 0 || toks[i - 1]?.value !== '.')) {
      const list = literalList(toks, i + 2);
      if (list && !KEYWORDS.has(a.value)) assigned.set(a.value, list.items);
    }
  }
  const add = (items: Tok[], group: string, key: string): void => {
    for (const t of items) {
      const text = t.value.trim();
      if (!text || text.startsWith('#')) continue;
      const spec = parsePep508(text);
      if ('error' in spec) {
        result.diagnostics.push(parseError(file, `${key}: ${spec.error}`, t.line));
        continue;
      }
      result.requirements.push(makeRequirement(spec, sourceAt(file, 'setup-py', t.line), { group }));
    }
  };
  for (let i = 0; i + 2 < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'name' || toks[i + 1]?.value !== '=') continue;
    const group = KEYWORDS.get(t.value);
    if (group) {
      const list = literalList(toks, i + 2);
      if (list) {
        add(list.items, group, t.value);
        continue;
      }
      const ref = toks[i + 2];
      const refList = ref?.kind === 'name' ? assigned.get(ref.value) : undefined;
      if (refList && (toks[i + 3]?.value === ',' || toks[i + 3]?.value === ')')) {
        add(refList, group, t.value);
        continue;
      }
      result.diagnostics.push(
        parseError(file, `${t.value} at line ${t.line} is not a literal list of strings; its requirements were not read (setup.py is never run)`, t.line),
      );
    } else if (t.value === 'extras_require' && toks[i + 2]?.value === '{') {
      // {'extra': [...], ...}
      let j = i + 3;
      while (j < toks.length && toks[j]?.value !== '}') {
        const key = toks[j];
        if (key?.kind === 'str' && toks[j + 1]?.value === ':') {
          const list = literalList(toks, j + 2);
          if (list) {
            add(list.items, key.value, 'extras_require');
            j = list.end + 1;
            continue;
          }
        }
        j++;
      }
    }
  }
  return result;
}
