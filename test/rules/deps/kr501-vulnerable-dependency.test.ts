import { describe, expect, it } from 'vitest';
import { vulnerableDependency } from '../../../src/rules/deps/kr501-vulnerable-dependency.js';
import { runProjectRule, testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

describe('KR501 vulnerable-dependency', () => {
  it('reports each advisory of a pinned version, not a version without advisories', async () => {
    testProjectRule(vulnerableDependency, {
      valid: [
        { name: 'a version no advisory affects', facts: await factsOf({ 'requirements.txt': 'idna==3.10\n' }) },
        { name: 'a range (KR505 reports it)', facts: await factsOf({ 'requirements.txt': 'pyyaml>=5.1\n' }) },
      ],
      invalid: [
        {
          name: 'pyyaml 5.3',
          facts: await factsOf({ 'requirements.txt': '# app\npyyaml==5.3\n' }),
          findings: [
            { path: 'requirements.txt', line: 2, message: 'pyyaml 5.3 is affected by PYSEC-2020-96', severity: 'medium' },
            { path: 'requirements.txt', line: 2, message: 'pyyaml 5.3 is affected by PYSEC-2021-142', severity: 'medium' },
          ],
        },
      ],
    });
  });

  it('names the fix and the advisory in fix and properties', async () => {
    const [f] = runProjectRule(vulnerableDependency, await factsOf({ 'requirements.txt': 'pyyaml==5.3\n' }));
    expect(f?.fix).toBe('upgrade to pyyaml==5.4');
    expect(f?.properties).toMatchObject({ package: 'pyyaml', version: '5.3', advisory: 'PYSEC-2020-96', suggestedVersion: '5.4', role: 'requirement' });
    expect(f?.snippet).toContain('pyyaml==5.3');
  });

  it('reports an advisory only the OSV API knows, after the local ones', async () => {
    const facts = await factsOf({ 'requirements.txt': 'idna==3.10\n' });
    const requirement = facts.requirements[0]!.requirement;
    facts.online.push({
      requirement,
      match: { id: 'GHSA-xxxx-yyyy-zzzz', aliases: [], summary: '', severity: 'medium', severitySource: 'unknown', fixedVersions: [], url: 'https://osv.dev/vulnerability/GHSA-xxxx-yyyy-zzzz', exact: true },
    });
    const found = runProjectRule(vulnerableDependency, facts);
    expect(found.map((f) => f.message)).toEqual(['idna 3.10 is affected by GHSA-xxxx-yyyy-zzzz (OSV API; run krait db update for details)']);
    expect(found[0]?.fix).toBe('see https://osv.dev/vulnerability/GHSA-xxxx-yyyy-zzzz');
  });
});
