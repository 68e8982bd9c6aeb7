import { describe, expect, it } from 'vitest';
import { insecurePackageIndex } from '../../../src/rules/deps/kr507-insecure-package-index.js';
import { runProjectRule, testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR507 insecure-package-index', () => {
  it('reports a plain-http index, with its credentials masked', async () => {
    testProjectRule(insecurePackageIndex, {
      valid: [{ name: 'https', facts: await factsOf({ 'requirements.txt': '--index-url https://pypi.internal/simple\nflask==3.0.3\n' }) }],
      invalid: [
        {
          name: 'http index and find-links',
          facts: await factsOf({ 'requirements.txt': '--index-url http://user:pw@pypi.internal/simple\n--find-links http://wheels.internal/\nflask==3.0.3\n' }),
          findings: [
            { path: 'requirements.txt', line: 1, message: 'package index http://***@pypi.internal/simple is plain http: packages can be replaced in transit', severity: 'high' },
            { line: 2, message: 'package index http://wheels.internal/ is plain http' },
          ],
        },
      ],
    });
  });

  it('never prints the credentials', async () => {
    const found = runProjectRule(insecurePackageIndex, await factsOf({ 'requirements.txt': '--index-url http://user:pw@pypi.internal/simple\n' }));
    expect(JSON.stringify(found.map((f) => [f.message, f.fix, f.properties]))).not.toContain('pw@');
  });
});
