import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B612 logging.config.listen without verify', () =>
    testRule('B612', {
      valid: ['import logging.config\nlogging.config.listen(9999, verify=check)'],
      invalid: [
        { code: 'import logging.config\nt = logging.config.listen(9999)', errors: [{ line: 2, column: 5, message: 'Use of insecure logging.config.listen detected.' }], severity: 'medium', confidence: 'high' },
        { code: 'from logging import config\nconfig.listen()', lines: [2] },
      ],
    }));

  it('B612 message', () => {
    expect(runOn('import logging.config\nlogging.config.listen(1)', ['B612'])[0]!.message).toBe('Use of insecure logging.config.listen detected.');
  });
});
