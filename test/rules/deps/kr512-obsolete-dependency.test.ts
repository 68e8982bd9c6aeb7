import { describe, it } from 'vitest';
import { obsoleteDependency } from '../../../src/rules/deps/kr512-obsolete-dependency.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR512 obsolete-dependency', () => {
  it('reports an abandoned project once per file', async () => {
    testProjectRule(obsoleteDependency, {
      valid: [{ name: 'its replacement', facts: await factsOf({ 'requirements.txt': 'pycryptodome==3.21.0\n' }) }],
      invalid: [
        {
          name: 'pycrypto twice',
          facts: await factsOf({ 'requirements.txt': 'pycrypto==2.6.1\npycrypto==2.6.1 ; python_version < "3"\n' }),
          findings: [{ path: 'requirements.txt', line: 1, message: /^pycrypto is obsolete: unmaintained since 2013/, severity: 'medium' }],
        },
      ],
    });
  });
});
