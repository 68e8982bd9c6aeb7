import { describe, it } from 'vitest';
import { unpinnedRequirement } from '../../../src/rules/deps/kr502-unpinned-requirement.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR502 unpinned-requirement', () => {
  it('reports application requirements without an exact version, libraries only without any constraint', async () => {
    testProjectRule(unpinnedRequirement, {
      valid: [
        { name: 'pinned', facts: await factsOf({ 'requirements.txt': 'requests==2.32.3\n' }) },
        { name: 'a library range', facts: await factsOf({ 'pyproject.toml': '[project]\nname = "lib"\nversion = "1"\ndependencies = ["requests>=2"]\n' }) },
        { name: 'a range a constraint file pins', facts: await factsOf({ 'requirements.txt': '-c constraints.txt\nrequests>=2\n', 'constraints.txt': 'requests==2.32.3\n' }) },
      ],
      invalid: [
        {
          name: 'open range and bare name',
          facts: await factsOf({ 'requirements.txt': 'requests>=2.0\nflask\nidna>=3,<4\n' }),
          findings: [
            { path: 'requirements.txt', line: 1, message: 'requests>=2.0 is not pinned and has no upper bound: each install may get a different release', severity: 'medium' },
            { line: 2, message: 'flask has no version constraint at all: each install gets whatever the index serves', severity: 'medium' },
            { line: 3, message: /^idna(>=3,<4|<4,>=3) is not pinned: each install/, severity: 'low' },
          ],
        },
        {
          name: 'a library name without any constraint',
          facts: await factsOf({ 'pyproject.toml': '[project]\nname = "lib"\nversion = "1"\ndependencies = [\n  "requests>=2",\n  "flask",\n]\n' }),
          findings: [{ path: 'pyproject.toml', line: 6, message: 'flask has no version constraint at all', severity: 'low' }],
        },
      ],
    });
  });
});
