import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR134 broad except swallowing auth failures', () =>
    testRule('KR134', {
      valid: [
        'try:\n    claims = jwt.decode(t, K, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    abort(401)',
        'try:\n    load_config()\nexcept Exception:\n    pass',
        'try:\n    raise AClass()\nexcept:\n    pass',
        'def verify_user(u):\n    try:\n        check(u)\n    except Exception:\n        return False',
      ],
      invalid: [
        { code: 'try:\n    claims = jwt.decode(t, K, algorithms=["HS256"])\n    g.user = claims["sub"]\nexcept Exception:\n    pass', errors: [{ line: 4, column: 1, message: 'A broad except around jwt.decode() silently ignores the error: a failed check can fall through as success. Deny (raise/abort) and catch only the expected exception types.' }], severity: 'medium' },
        { code: 'def has_permission(user, obj):\n    try:\n        return acl.check(user, obj)\n    except:\n        return True', lines: [4], severity: 'high' },
      ],
    }));
});
