import { describe, expect, it } from 'vitest';
import { rangeAdmitsVulnerableVersion } from '../../../src/rules/deps/kr505-range-admits-vulnerable-version.js';
import { runProjectRule, testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR505 range-admits-vulnerable-version', () => {
  it('reports a range that admits affected versions, high when it excludes every fix', async () => {
    testProjectRule(rangeAdmitsVulnerableVersion, {
      valid: [
        { name: 'a range above every fix', facts: await factsOf({ 'requirements.txt': 'idna>=3.7\n' }) },
        { name: 'a pinned version (KR501 reports it)', facts: await factsOf({ 'requirements.txt': 'pyyaml==5.3\n' }) },
      ],
      invalid: [
        {
          name: 'an open range',
          facts: await factsOf({ 'requirements.txt': 'pyyaml>=5.1\n' }),
          findings: [{ path: 'requirements.txt', line: 1, message: /^pyyaml >=5\.1 allows 5\.1.*, affected by \d+ advisor(y|ies) \(PYSEC-/, severity: 'low' }],
        },
        {
          name: 'a range below the fix',
          facts: await factsOf({ 'requirements.txt': 'pyyaml>=5.1,<5.3\n' }),
          findings: [{ line: 1, message: /; the range excludes every fixed version$/, severity: 'medium' }],
        },
      ],
    });
  });

  it('raises the lower bound in its fix and lists the advisories', async () => {
    const [f] = runProjectRule(rangeAdmitsVulnerableVersion, await factsOf({ 'requirements.txt': 'pyyaml>=5.1,<5.3\n' }));
    expect(f?.confidence).toBe('high');
    expect(f?.fix).toMatch(/^require pyyaml>=\d/);
    expect(f?.properties?.['advisories']).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'PYSEC-2020-96' })]));
  });
});
