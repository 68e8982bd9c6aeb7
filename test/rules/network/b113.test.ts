import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B113 requests without timeout', () =>
    testRule('B113', {
      valid: ['import requests\nrequests.get(u, timeout=5)', 'import httpx\nhttpx.get(u)'],
      invalid: [
        { code: 'import requests\nrequests.get(u)', errors: [{ line: 2, column: 1, message: 'Call to requests without timeout' }] },
        { code: 'import requests as r\nr.post(u, timeout=None)', lines: [2] },
      ],
    }));
});
