import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B412 httpoxy CGI handlers', () =>
    testRule('B412', {
      valid: ['from wsgiref.simple_server import make_server', 'import wsgiref.handlers'],
      invalid: [
        { code: 'from wsgiref.handlers import CGIHandler', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the CGIHandler module.' }], severity: 'high' },
        { code: 'from twisted.web.twcgi import CGIScript', lines: [1] },
      ],
    }));
});
