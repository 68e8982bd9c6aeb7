import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR133 secrets in logs', () =>
    testRule('KR133', {
      valid: [
        'import logging\nlogging.info("login for %s", username)',
        'logger.info("password changed for %s", user.email)',
        'logger.debug("token length %d", len(token))',
        'print(password)',
        'import token\nself.logger.debug("%s %r", token.tok_name[t], value)',
      ],
      invalid: [
        { code: 'import logging\nlogging.info("login %s / %s", username, password)', errors: [{ line: 2, column: 1, message: '\'password\' is written to the log: leave secrets out of log messages (or log a masked form).' }] },
        { code: 'logger.debug(f"auth header: {request.headers[\'Authorization\']} token={user.api_key}")', lines: [1] },
        { code: 'self.log.warning("bad token %s", access_token)', lines: [1] },
      ],
    }));
});
