import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B104 bind all interfaces', () =>
    testRule('B104', { valid: ['host = "127.0.0.1"'], invalid: [{ code: 'app.run(\n  host="0.0.0.0")', errors: [{ line: 2, column: 8, message: 'Possible binding to all interfaces.' }] }] }));
});
