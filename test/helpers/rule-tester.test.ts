/**
 * The rule tester itself: an invalid case that gives `errors` fails on a wrong line, column
 * or message, and passes on the right ones (exact string or RegExp).
 */
import { describe, expect, it } from 'vitest';
import { testRule } from './rule-tester.js';

const CODE = 'import subprocess\ndef f(cmd):\n    subprocess.call(cmd, shell=True)\n';
/** B602 reports at the `shell=True` value (as bandit): line 3, 1-based column 32. */
const MESSAGE = 'subprocess call with shell=True identified, security issue.';
const run = (errors: { line: number; column?: number; message?: string | RegExp }[]) => () => testRule('B602', { valid: [], invalid: [{ code: CODE, errors }] });

describe('rule tester: errors with line, column and message', () => {
  it('passes on the reported line, 1-based column and exact message', () => {
    expect(run([{ line: 3, column: 32, message: MESSAGE }])).not.toThrow();
  });
  it('matches a RegExp message and leaves out what is not asked', () => {
    expect(run([{ line: 3, message: /shell=True/ }])).not.toThrow();
    expect(run([{ line: 3 }])).not.toThrow();
    expect(run([{ line: 3, column: 32 }])).not.toThrow();
  });
  it('fails on a wrong line, column (0-based by mistake) or message', () => {
    expect(run([{ line: 2, column: 32 }])).toThrow();
    expect(run([{ line: 3, column: 31 }])).toThrow();
    expect(run([{ line: 3, message: 'subprocess call with shell=True identified' }])).toThrow();
    expect(run([{ line: 3, message: /shell=False/ }])).toThrow();
  });
  it('fails on a missing or an extra finding', () => {
    expect(run([])).toThrow();
    expect(run([{ line: 3 }, { line: 3 }])).toThrow();
  });
  it('rejects a case that gives both lines and errors, or neither', () => {
    expect(() => testRule('B602', { valid: [], invalid: [{ code: CODE, lines: [3], errors: [{ line: 3 }] }] })).toThrow(/both or neither/);
    expect(() => testRule('B602', { valid: [], invalid: [{ code: CODE }] })).toThrow(/both or neither/);
  });
});
