import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B404 subprocess, with the imported name in the message', () => {
    testRule('B404', {
      valid: ['import os', 'from os import system'],
      invalid: [
        { code: 'import subprocess', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the subprocess module.' }], severity: 'low' },
        { code: 'from subprocess import (\n    run,\n    PIPE,\n)', lines: [1] },
      ],
    });
    expect(runOn('from subprocess import run', ['B404'])[0]!.message).toBe('Consider possible security implications associated with the run module.');
  });

  it('B404 and B403 are independent on one statement (bandit reports only the first)', () => {
    expect(runOn('import pickle, subprocess', ['B403', 'B404']).map((f) => f.ruleId).sort()).toEqual(['B403', 'B404']);
  });

  it('# nosec B404 silences only B404', () => {
    expect(runOn('import subprocess, pickle  # nosec B404', ['B403', 'B404']).map((f) => f.ruleId)).toEqual(['B403']);
  });
});
