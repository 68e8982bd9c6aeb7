import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR802/KR803 suppression comments", () => {
  it('KR803 flags blanket nosec, even with a reason', () => {
    testRule('KR803', {
      valid: ['subprocess.run(cmd, shell=True)  # nosec B602 -- constant', 'x = 1  # noqa: S101'],
      invalid: [
        { code: 'x = yaml.load(t)  # nosec', errors: [{ line: 1, column: 19, message: 'Blanket `# nosec` silences every check on this statement: name the check ids it is meant for (`# nosec B602 -- reason`).' }] },
        { code: 'x = yaml.load(t)  # nosec -- trusted file', lines: [1] },
      ],
    });
  });
});
