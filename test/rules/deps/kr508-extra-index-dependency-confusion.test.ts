import { describe, it } from 'vitest';
import { extraIndexDependencyConfusion } from '../../../src/rules/deps/kr508-extra-index-dependency-confusion.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR508 extra-index-dependency-confusion', () => {
  it('reports an index searched besides the primary one', async () => {
    testProjectRule(extraIndexDependencyConfusion, {
      valid: [
        { name: 'one primary index', facts: await factsOf({ 'requirements.txt': '--index-url https://pypi.internal/simple\nflask==3.0.3\n' }) },
        { name: 'PyPI as the extra index', facts: await factsOf({ 'requirements.txt': '--extra-index-url https://pypi.org/simple\nflask==3.0.3\n' }) },
      ],
      invalid: [
        {
          name: 'extra index',
          facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\n--extra-index-url https://pypi.internal/simple\n' }),
          findings: [
            {
              path: 'requirements.txt',
              line: 2,
              message: 'extra index https://pypi.internal/simple is searched besides the primary index: a package of the same name and a higher version on either one wins (dependency confusion)',
              severity: 'medium',
            },
          ],
        },
      ],
    });
  });
});
