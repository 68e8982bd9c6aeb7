import { describe, it } from 'vitest';
import { vcsRequirementWithoutCommit } from '../../../src/rules/deps/kr509-vcs-requirement-without-commit.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR509 vcs-requirement-without-commit', () => {
  it('reports a VCS requirement at a branch or no ref, not at a full commit', async () => {
    testProjectRule(vcsRequirementWithoutCommit, {
      valid: [{ name: 'full commit id', facts: await factsOf({ 'requirements.txt': `git+https://github.com/org/lib.git@${'3f2c1e0a'.repeat(5)}#egg=lib\n` }) }],
      invalid: [
        {
          name: 'branch and default branch',
          facts: await factsOf({ 'requirements.txt': 'git+https://github.com/org/lib.git@main#egg=lib\ngit+https://github.com/org/other.git#egg=other\n' }),
          findings: [
            { path: 'requirements.txt', line: 1, message: 'lib is installed from git https://github.com/org/lib.git at the movable ref "main"', severity: 'medium' },
            { line: 2, message: 'other is installed from git https://github.com/org/other.git at its default branch' },
          ],
        },
      ],
    });
  });
});
