import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B501 verify=False', () =>
    testRule('B501', {
      valid: ['import requests\nrequests.get(u, verify=True, timeout=3)'],
      invalid: [{ code: 'import requests\nrequests.get(u, verify=False)', errors: [{ line: 2, column: 1, message: 'Call to requests with verify=False disabling SSL certificate checks, security issue.' }], severity: 'high' }],
    }));
});
