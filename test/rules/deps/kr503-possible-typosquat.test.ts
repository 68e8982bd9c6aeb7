import { describe, it } from 'vitest';
import { possibleTyposquat } from '../../../src/rules/deps/kr503-possible-typosquat.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR503 possible-typosquat', () => {
  it('reports a name one edit from a popular project, once per file', async () => {
    testProjectRule(possibleTyposquat, {
      valid: [{ name: 'the popular project itself', facts: await factsOf({ 'requirements.txt': 'requests==2.31.0\npython-dateutil==2.9.0\n' }) }],
      invalid: [
        {
          name: 'reqeusts twice',
          facts: await factsOf({ 'requirements.txt': 'reqeusts==2.31.0\nreqeusts==2.31.0 ; python_version < "3.8"\n' }),
          findings: [{ path: 'requirements.txt', line: 1, message: /^reqeusts is not a popular project but is 1 edit away from requests \(download rank \d+\): possible typosquat$/, severity: 'high' }],
        },
      ],
    });
  });
});
