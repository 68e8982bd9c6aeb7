import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B323 unverified SSL context', () =>
    testRule('B323', {
      valid: ['import ssl\nssl.create_default_context()'],
      invalid: [{ code: 'import ssl\nctx = ssl._create_unverified_context()', errors: [{ line: 2, column: 7, message: 'By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. However, it still allows using an insecure context via the _create_unverified_context that  reverts to the previous behavior that does not validate certificates or perform hostname checks.' }], severity: 'medium' }],
    }));
});
