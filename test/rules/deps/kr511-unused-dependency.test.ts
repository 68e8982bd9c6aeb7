import { describe, it } from 'vitest';
import { unusedDependency } from '../../../src/rules/deps/kr511-unused-dependency.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR511 unused-dependency', () => {
  it('reports a declared runtime dependency nothing imports', async () => {
    const imports = { imports: [{ module: 'flask', path: 'app.py', line: 1 }] };
    testProjectRule(unusedDependency, {
      valid: [
        { name: 'imported', facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\n' }, imports) },
        { name: 'no code scanned', facts: await factsOf({ 'requirements.txt': 'requests==2.32.3\n' }) },
        { name: 'a plugin loaded by name', facts: await factsOf({ 'requirements.txt': 'flask>=3.0\npytest-cov==5.0.0\n' }, imports) },
        // pip-compile / pip freeze output: its pins are transitive dependencies.
        { name: 'a fully pinned (lock-style) file', facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\nrequests==2.32.3\n' }, imports) },
      ],
      invalid: [
        {
          name: 'requests never imported (a hand-written file: one range)',
          facts: await factsOf({ 'requirements.txt': 'flask>=3.0\nrequests==2.32.3\n' }, imports),
          findings: [{ path: 'requirements.txt', line: 2, message: 'requests is declared but none of the scanned code imports it', severity: 'info' }],
        },
      ],
    });
  });
});
