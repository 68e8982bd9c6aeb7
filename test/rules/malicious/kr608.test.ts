import { describe, expect, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';
import { confusableReason } from '../../../src/rules/malicious/kr608-confusable-identifier.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */


describe("malicious-package indicators", () => {
  it('KR608 confusable-identifier', () => {
    testRule('KR608', {
      valid: ['def send(data):\n    return data', 'def отправить(данные):\n    return данные', 'π = 3.14159'],
      invalid: [
        { code: 'def \u0435x\u0435c(c):\n    return c\n\u0435x\u0435c(1)', errors: [{ line: 1, column: 1, message: 'The identifier \'\\u0435x\\u0435c\' mixes Latin letters with look-alike letters of another script: it reads as a different name than the interpreter sees.' }], severity: 'high' },
        { code: 'r\u0435quests = 1', lines: [1] },
      ],
    });
    expect(confusableReason('\u0435\u0445\u0435\u0441')).toMatch(/entirely/); // Cyrillic "ехес"
    expect(confusableReason('ｅｘｅｃ')).toBeUndefined(); // NFKC-changing: another rule's
  });
});
