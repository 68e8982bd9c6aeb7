import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B301 pickle through aliases', () =>
    testRule('B301', {
      valid: ['import pickle\npickle.dumps(x)'],
      invalid: [
        { code: 'import pickle as p\np.loads(data)', errors: [{ line: 2, column: 1, message: 'Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.' }] },
        { code: 'from pickle import loads as l\nl(data)', lines: [2] },
        { code: '__import__("pickle").loads(data)', lines: [1] },
        { code: 'import importlib\nimportlib.import_module("pickle").load(f)', lines: [2] },
      ],
    }));
});
