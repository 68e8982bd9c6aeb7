import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("misc plugins", () => {
  it('B112 try/except/continue honours check_typed_exception', () =>
    testRule('B112', {
      valid: [
        'for x in y:\n    try:\n        a()\n    except ValueError:\n        continue',
        'for x in y:\n    try:\n        a()\n    except Exception:\n        log()\n        continue',
      ],
      invalid: [
        { code: 'for x in y:\n    try:\n        a()\n    except:\n        continue', errors: [{ line: 4, column: 5, message: 'Try, Except, Continue detected.' }], severity: 'low', confidence: 'high' },
        { code: 'while True:\n    try:\n        a()\n    except Exception:\n        continue', lines: [4] },
        { code: 'for x in y:\n    try:\n        a()\n    except KeyError:\n        continue', lines: [4], options: { ruleOptions: { B112: { check_typed_exception: true } } } },
      ],
    }));
});
