/** KR609 (package-name-typosquat) as a project rule over the package names a scan found. */
import { describe, it } from 'vitest';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { packageNameTyposquat, type PackageNameFacts } from '../../../src/rules/malicious/kr609-package-name-typosquat.js';

const pkg = (name: string, line = 2): PackageNameFacts => ({
  packages: [{ name, at: { path: 'pkg/pyproject.toml', line, lines: () => ['[project]', `name = "${name}"`] } }],
});

describe('KR609 package-name-typosquat', () => {
  it('reports a name one edit from a top project, not the project itself or an unrelated name', () => {
    testProjectRule(packageNameTyposquat, {
      valid: [
        { name: 'the popular project itself', facts: pkg('requests') },
        { name: 'an unrelated name', facts: pkg('acme-internal-billing-tools') },
        { name: 'no package named', facts: { packages: [] } },
      ],
      invalid: [
        { name: 'transposed letters', facts: pkg('reqeusts'), findings: [{ path: 'pkg/pyproject.toml', line: 2, message: "from the popular project 'requests'", severity: 'high' }] },
      ],
    });
  });
});
