import { describe, it } from 'vitest';
import { undeclaredDependency } from '../../../src/rules/deps/kr510-undeclared-dependency.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

const IMPORTS = { imports: [{ module: 'yaml', path: 'app.py', line: 2 }, { module: 'flask', path: 'app.py', line: 3 }, { module: 'os', path: 'app.py', line: 1 }] };
const APP = 'import os\nimport yaml\nimport flask\n';

describe('KR510 undeclared-dependency', () => {
  it('reports an imported distribution no manifest declares, at its first import', async () => {
    testProjectRule(undeclaredDependency, {
      valid: [
        { name: 'declared', facts: await factsOf({ 'requirements.txt': 'PyYAML==6.0.2\nflask==3.0.3\n', 'app.py': APP }, IMPORTS) },
        {
          name: 'an optional import',
          facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\n', 'app.py': APP }, { imports: [{ module: 'yaml', path: 'app.py', line: 2, optional: true }, { module: 'flask', path: 'app.py', line: 3 }] }),
        },
      ],
      invalid: [
        {
          name: 'yaml without PyYAML',
          facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\n', 'app.py': APP }, IMPORTS),
          findings: [{ path: 'app.py', line: 2, message: /^yaml is imported but PyYAML is not declared in any manifest/, severity: 'low' }],
        },
        {
          name: 'no manifest at all',
          facts: await factsOf({ 'app.py': APP }, IMPORTS),
          findings: [{ path: 'app.py', line: 3, message: /^no dependency manifest declares the 2 third-party distributions the code imports \((flask, PyYAML|Flask, PyYAML)\)$/ }],
        },
      ],
    });
  });
});
