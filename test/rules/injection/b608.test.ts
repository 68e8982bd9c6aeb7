import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B608 SQL built from strings, medium confidence inside execute()', () =>
    testRule('B608', {
      valid: ['cur.execute("SELECT * FROM t WHERE id = %s", (i,))', 'q = "SELECT * FROM t"'],
      invalid: [
        { code: 'cur.execute("SELECT * FROM t WHERE id = %s" % i)', errors: [{ line: 1, column: 13, message: 'Possible SQL injection vector through string-based query construction.' }], confidence: 'medium' },
        { code: 'q = f"SELECT * FROM t WHERE name = {n}"', lines: [1], confidence: 'low' },
        { code: 'q = "DELETE FROM t WHERE id = {}".format(i)', lines: [1] },
      ],
    }));
});
