import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';
import { parseSuppressionComment } from '../../../src/core/suppress.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR802/KR803 suppression comments", () => {
  it('parses ids and reasons', () => {
    expect(parseSuppressionComment('# nosec')).toEqual({ tool: 'nosec', ids: [], offset: 0 });
    expect(parseSuppressionComment('# nosec B602, B607 -- constant command')).toMatchObject({ ids: ['B602', 'B607'], justification: 'constant command' });
    expect(parseSuppressionComment('# nosec B602: constant command')).toMatchObject({ ids: ['B602'], justification: 'constant command' });
    expect(parseSuppressionComment('# nosec: B602')).toMatchObject({ ids: ['B602'] });
    expect(parseSuppressionComment('# nosec: B602')?.justification).toBeUndefined();
    expect(parseSuppressionComment('# noqa: S603 # argv list, no shell')).toMatchObject({ tool: 'noqa', ids: ['S603'], justification: 'argv list, no shell' });
    expect(parseSuppressionComment('# type: ignore')).toBeUndefined();
  });

  it('KR802 flags suppressions with no reason', () => {
    testRule('KR802', {
      valid: [
        'subprocess.run(cmd, shell=True)  # nosec B602 -- cmd is a constant',
        'x = 1  # noqa: E501',
        'subprocess.run(args)  # noqa: S603 argv list from a constant',
      ],
      invalid: [
        { code: 'subprocess.run(cmd, shell=True)  # nosec B602', errors: [{ line: 1, column: 34, message: '`# nosec B602` gives no reason: say why the finding is safe to ignore.' }] },
        { code: 'subprocess.run(args)  # noqa: S603', lines: [1] },
        { code: 'x = yaml.load(t)  # nosec', lines: [1] },
      ],
    });
  });

  it('a finding about a suppression comment is not silenced by that comment', () => {
    const found = runOn('import yaml\nx = yaml.load(t)  # nosec', ['B506', 'KR802', 'KR803']);
    expect(found.map((f) => f.ruleId).sort()).toEqual(['KR802', 'KR803']);
    expect(found[0]!.location.startColumn).toBe(18);
  });
});
