import { describe, expect, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';
import { backtrackingOf, pythonPatternToJs } from '../../../src/rules/injection/kr135-regex-redos.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR135 regex-redos", () => {
  it('flags nested and overlapping quantifiers in constant patterns', () => {
    testRule('KR135', {
      valid: [
        'import re\nEMAIL = re.compile(r"^[a-zA-Z0-9_.+-]+@example\\.com$")',
        'import re\nre.match(r"^\\d{4}-\\d{2}-\\d{2}$", s)',
        'import re\nre.compile(pattern)  # not a constant',
        'import re\nre.compile(r"(?>a+)+$")  # atomic group: no backtracking into it',
        'import re\nre.compile(r"""\n  ^ [a-z]+   # letters\n  $\n""", re.VERBOSE)',
      ],
      invalid: [
        { code: 'import re\nEMAIL = re.compile(r"^([a-zA-Z0-9_.+-]+)+@example\\.com$")', errors: [{ line: 2, column: 20, message: 'Regular expression `^([a-zA-Z0-9_.+-]+)+@example\\.com$` backtracks exponentially on a long run of "A" followed by a mismatch (ReDoS).' }], severity: 'medium' },
        { code: 'import re as r\nr.search(r"(\\w+\\s?)*$", text)', lines: [2], severity: 'medium' },
        { code: 'import re\nP = r"(?P<x>a+)+b"\nre.fullmatch(P, s)', lines: [3] },
        { code: 'import re\nre.sub(r"\\d+\\d+z", "", s)', lines: [2], severity: 'low' },
        { code: 'import re\nre.compile(r"""\n  ^ (\\w+ \\s?)*   # words\n  $\n""", re.X)', lines: [2] },
      ],
    });
  });

  it('translates Python-only syntax', () => {
    expect(pythonPatternToJs('(?i)(?P<n>a)(?P=n)\\Z')).toEqual({ source: '(?<n>a)\\k<n>$', flags: 'i' });
    expect(backtrackingOf('^(a+)+$')?.kind).toBe('exponential');
    expect(backtrackingOf('^a*a*$')?.kind).toBe('polynomial');
    expect(backtrackingOf('^[a-z]+$')).toBeUndefined();
  });
});
