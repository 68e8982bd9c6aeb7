import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR124 random for secrets', () =>
    testRule('KR124', {
      valid: [
        'import random\nx = random.randint(1, 6)',
        'import random\nrandom.shuffle(cards)',
        'import secrets\ntoken = secrets.token_hex(16)',
        'import random\nitems.sort(key=random.random())',
        // A UUID made from random bits names nothing secret here; another call's int= keyword is that call's argument.
        'import random, uuid\nrow_id = uuid.UUID(int=random.getrandbits(128))',
        'import random\nsession_token = Color(int=random.getrandbits(24))',
        'import random\nverify_delay = sum(random.sample(range(10), 3))',
      ],
      invalid: [
        { code: 'import random, string\nreset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))', errors: [{ line: 2, column: 23, message: 'random.choice() produces \'reset_token\', a secret: random is predictable. Use secrets (token_urlsafe, token_hex, choice) or random.SystemRandom.' }] },
        { code: 'import random\ndef make_otp():\n    return str(random.randint(100000, 999999))', lines: [3] },
        { code: 'import random\nuser = User(api_key=random.getrandbits(128))', lines: [2] },
        // uuid.UUID(int=…) only wraps the bits: the name that receives the UUID counts.
        { code: 'import random, uuid\nsession_token = uuid.UUID(int=random.getrandbits(128))', lines: [2] },
        { code: 'import random\nverify_code = "".join(str(d) for d in random.sample(range(10), 6))', lines: [2] },
      ],
    }));
});
