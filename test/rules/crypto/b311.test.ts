import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B311 random is low severity', () =>
    testRule('B311', {
      valid: ['import secrets\nsecrets.choice(a)', 'import random\nrandom.shuffle(a)', 'import random\nrandom.SystemRandom().random()'],
      invalid: [
        { code: 'import random\nrandom.random()\nrandom.choice(a)\nrandom.Random(1)', errors: [{ line: 2, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }, { line: 3, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }, { line: 4, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }], severity: 'low', confidence: 'high' },
        { code: 'from random import randint as ri\nri(1, 6)', lines: [2] },
      ],
    }));
});
