import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR124 random for secrets', () =>
    testRule('KR124', {
      valid: ['import random\nx = random.randint(1, 6)', 'import random\nrandom.shuffle(cards)', 'import secrets\ntoken = secrets.token_hex(16)', 'import random\nitems.sort(key=random.random())'],
      invalid: [
        { code: 'import random, string\nreset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))', errors: [{ line: 2, column: 23, message: 'random.choice() produces \'reset_token\', a secret: random is predictable. Use secrets (token_urlsafe, token_hex, choice) or random.SystemRandom.' }] },
        { code: 'import random\ndef make_otp():\n    return str(random.randint(100000, 999999))', lines: [3] },
        { code: 'import random\nuser = User(api_key=random.getrandbits(128))', lines: [2] },
      ],
    }));
});
