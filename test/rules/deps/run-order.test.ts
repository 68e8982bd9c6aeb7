/**
 * The pipeline's dependency pass (src/pipeline/deps.ts): the enabled rules only, and their
 * findings in the order of the report's dependency table (per requirement the requirement
 * rules, then hashes, per index the index rules, lock file, undeclared, unused).
 */
import { describe, expect, it } from 'vitest';
import { runDependencyRules } from '../../../src/pipeline/deps.js';
import { DEPENDENCY_RULES } from '../../../src/rules/deps/index.js';
import { factsOf } from './facts.js';

const FILES = {
  'requirements.txt': 'pyyaml==5.3\nreqeusts>=2\npycrypto\n--index-url http://x.internal/simple\n--extra-index-url https://y.internal/simple\n--extra-index-url http://z.internal/simple\ngit+https://github.com/org/lib.git@main#egg=lib\n',
};

describe('dependency rules in the pipeline', () => {
  it('interleaves the requirement rules per requirement, and the index rules per index', async () => {
    const found = runDependencyRules(await factsOf(FILES, { imports: [{ module: 'yaml', path: 'app.py', line: 1 }] }), DEPENDENCY_RULES);
    expect(found.map((f) => `${f.ruleId}:${f.location.startLine}`)).toEqual([
      'KR501:1',
      'KR501:1',
      'KR503:2',
      'KR502:2',
      'KR505:3',
      'KR512:3',
      'KR502:3',
      'KR509:7',
      'KR507:4',
      'KR508:5',
      'KR507:6',
      'KR508:6',
      'KR504:2',
      'KR511:2',
      'KR511:3',
      'KR511:7',
    ]);
  });

  it('runs only the rules it is given', async () => {
    const facts = await factsOf(FILES);
    const found = runDependencyRules(facts, DEPENDENCY_RULES.filter((r) => r.id === 'KR502' || r.id === 'KR507'));
    expect(found.map((f) => f.ruleId)).toEqual(['KR502', 'KR502', 'KR507', 'KR507']);
  });

  it('lists every registered rule in the registry order of ids', () => {
    expect(DEPENDENCY_RULES.map((r) => r.id)).toEqual(['KR501', 'KR502', 'KR503', 'KR504', 'KR505', 'KR506', 'KR507', 'KR508', 'KR509', 'KR510', 'KR511', 'KR512']);
  });
});
