import { describe, it } from 'vitest';
import { noLockFile } from '../../../src/rules/deps/kr504-no-lock-file.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

const PYPROJECT = '[project]\nname = "app"\nversion = "1"\ndependencies = [\n  "flask>=2",\n  "requests>=2",\n]\n';

describe('KR504 no-lock-file', () => {
  it('reports a project folder with ranged requirements and no lock, once', async () => {
    testProjectRule(noLockFile, {
      valid: [
        { name: 'a fully pinned requirements file beside it', facts: await factsOf({ 'pyproject.toml': PYPROJECT, 'requirements.txt': 'flask==3.0.3\nrequests==2.32.3\n' }) },
        { name: 'only pins', facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\n' }) },
      ],
      invalid: [
        {
          name: 'pyproject ranges, and a requirements file with a range in the same folder',
          facts: await factsOf({ 'pyproject.toml': PYPROJECT, 'requirements.txt': 'flask>=2\n' }),
          findings: [
            {
              path: 'pyproject.toml',
              line: 5,
              message: 'pyproject.toml declares 2 dependencies by range and the project has no lock file (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, pylock.toml or a fully pinned requirements file)',
              severity: 'low',
            },
          ],
        },
        {
          name: 'one per folder',
          facts: await factsOf({ 'a/requirements.txt': 'flask>=2\n', 'b/requirements.txt': 'idna\n' }),
          findings: [
            { path: 'a/requirements.txt', line: 1, message: 'a/requirements.txt declares 1 dependency by range' },
            { path: 'b/requirements.txt', line: 1, message: 'b/requirements.txt declares 1 dependency by range' },
          ],
        },
      ],
    });
  });
});
