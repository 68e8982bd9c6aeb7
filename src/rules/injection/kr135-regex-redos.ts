import type * as Scslre from 'scslre';
import { lazyRequire } from '../../core/lazy.js';

/** Loaded when a constant pattern is first analysed (start-up). */
const scslre = lazyRequire<typeof Scslre>('scslre');
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';

/** `re`/`regex` functions whose first argument (or `pattern=`) is a pattern, and where the flags argument sits. */
const PATTERN_FUNCTIONS: Record<string, number> = {
  compile: 1, match: 2, search: 2, fullmatch: 2, findall: 2, finditer: 2, split: 3, sub: 4, subn: 4,
};

/** Python's inline flags → JavaScript flags (`a`, `L`, `u` change classes only; `x` is handled separately). */
const FLAG_MAP: Record<string, string> = { i: 'i', m: 'm', s: 's' };

/**
 * Translate a Python `re` pattern to an equivalent JavaScript one for the analysis, or
 * undefined when it uses syntax with no JS counterpart that matters for backtracking
 * (atomic groups, possessive quantifiers, conditionals) or is not valid.
 */
export function pythonPatternToJs(pattern: string, verbose = false): { source: string; flags: string } | undefined {
  let p = pattern;
  let flags = '';
  // Global inline flags at the start: (?aiLmsux)
  const lead = /^\(\?([aiLmsux]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1]) {
      if (f === 'x') verbose = true;
      else if (FLAG_MAP[f] && !flags.includes(FLAG_MAP[f])) flags += FLAG_MAP[f];
    }
    p = p.slice(lead[0].length);
  }
  if (/\(\?>|[*+?}]\+|\(\?\(/.test(p)) return undefined; // atomic, possessive (3.11+), conditional groups
  if (verbose) p = stripVerbose(p);
  p = p
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$')
    .replace(/\(\?[aiLmsux]+(?:-[imsx]+)?:/g, '(?:'); // scoped flags: keep the group
  return { source: p, flags };
}

/** Remove whitespace and `#` comments outside character classes (re.VERBOSE). */
function stripVerbose(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      out += ch + (p[i + 1] ?? '');
      i++;
    } else if (inClass) {
      out += ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < p.length && p[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** The super-linear backtracking a pattern allows: 'exponential', 'polynomial', or undefined (linear or unknown). */
export function backtrackingOf(pattern: string, verbose = false): { kind: 'exponential' | 'polynomial'; character: string } | undefined {
  if (pattern.length > 2000) return undefined;
  const js = pythonPatternToJs(pattern, verbose);
  if (!js) return undefined;
  try {
    new RegExp(js.source, js.flags);
  } catch {
    return undefined; // not a pattern JS reads the same way: say nothing rather than guess
  }
  try {
    const { reports } = scslre().analyse(js, { reportTypes: { Move: false }, maxReports: 5 });
    if (!reports.length) return undefined;
    const exp = reports.find((r) => r.exponential);
    const r = exp ?? reports[0];
    return { kind: exp ? 'exponential' : 'polynomial', character: r.character.pick };
  } catch {
    return undefined;
  }
}

function flagsArg(call: A.Call, index: number): A.Expr | undefined {
  return call.args[index] ?? call.keywords.find((k) => k.arg === 'flags')?.value;
}

/** KR135: regular expressions with catastrophic backtracking (ReDoS). */
export const regexRedos = defineRule({
  id: 'KR135',
  name: 'regex-redos',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [1333],
  docs: {
    what: 'Flags constant regular expressions given to `re`/`regex` (`compile`, `match`, `search`, `fullmatch`, `findall`, `finditer`, `split`, `sub`, `subn`) whose nested or overlapping quantifiers backtrack super-linearly: `(a+)+$`, `^(\\w+\\s?)*$`, `\\d+\\d+x`. The pattern is translated to JavaScript syntax and analysed by scslre (the analysis eslint-plugin-regexp uses); exponential cases are reported at medium severity, polynomial ones at low. scslre finds attacks that repeat one character; overlaps needing longer repeated strings (`(a|aa)+`) are not found.',
    why: "Python's `re` is a backtracking engine: on an input that almost matches (a long run of one character and a mismatch at the end), a nested or overlapping quantifier tries every way of splitting the run, 2^n or n^k steps. One request with a few dozen characters can hold a worker for minutes (CWE-1333 inefficient regular expression complexity, ReDoS). Patterns built from user input are worse still: the user writes the pattern (krait's data-flow rules do not track this sink yet).",
    example: 'EMAIL = re.compile(r"^([a-zA-Z0-9_.+-]+)+@example\\.com$")',
    instead: 'EMAIL = re.compile(r"^[a-zA-Z0-9_.+-]+@example\\.com$")  # one quantifier per run of characters\n# and cap the input length before matching; re.escape() any user text put into a pattern',
    references: ['https://cwe.mitre.org/data/definitions/1333.html', 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS', 'https://github.com/RunDevelopment/scslre', 'https://docs.python.org/3/library/re.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const dot = q.lastIndexOf('.');
      const mod = q.slice(0, dot);
      const fn = q.slice(dot + 1);
      if ((mod !== 're' && mod !== 'regex') || !(fn in PATTERN_FUNCTIONS)) return;
      const patNode = node.args[0] ?? node.keywords.find((k) => k.arg === 'pattern')?.value;
      if (!patNode) return;
      const pattern = ctx.constValue(patNode);
      if (typeof pattern !== 'string') return;
      const flagsNode = flagsArg(node, PATTERN_FUNCTIONS[fn]);
      const verbose = !!flagsNode && /\b(?:re\.)?(?:VERBOSE|X)\b/.test(flagsText(flagsNode, ctx.lines));
      const b = backtrackingOf(pattern, verbose);
      if (!b) return;
      const shown = pattern.length > 60 ? pattern.slice(0, 57) + '…' : pattern;
      ctx.report(node, {
        node: patNode,
        severity: b.kind === 'exponential' ? 'medium' : 'low',
        message: `Regular expression \`${shown}\` backtracks ${b.kind === 'exponential' ? 'exponentially' : 'polynomially'} on a long run of ${JSON.stringify(b.character)} followed by a mismatch (ReDoS).`,
        fix: 'Remove the nested or overlapping quantifier (one quantifier per run of the same characters), and limit the input length before matching.',
        properties: { backtracking: b.kind, attackCharacter: b.character },
      });
    },
  },
});

/** Source text of a flags expression (`re.I | re.X`). */
function flagsText(e: A.Expr, lines: readonly string[]): string {
  if (e.lineno !== e.end_lineno) return lines.slice(e.lineno - 1, e.end_lineno).join(' ');
  return (lines[e.lineno - 1] ?? '').slice(e.col_offset, e.end_col_offset);
}
