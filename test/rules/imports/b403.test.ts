import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B403 pickle, cPickle, dill, shelve, by prefix as bandit', () =>
    testRule('B403', {
      valid: ['import json', 'import copyreg\ncopyreg.pickle(C, f)'],
      invalid: [
        { code: 'import pickle', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the pickle module.' }], severity: 'low' },
        { code: 'from dill import loads', lines: [1] },
        { code: 'import shelve as s', lines: [1] },
        { code: 'import pickletools', lines: [1] },
        { code: '__import__("pickle")', lines: [1] },
        { code: 'import importlib\nm = importlib.import_module("cPickle")', lines: [2] },
      ],
    }));
});
