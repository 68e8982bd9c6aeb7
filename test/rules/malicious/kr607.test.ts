import { describe, expect, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';
import { riskOf } from '../../../src/rules/malicious/verdict.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
  it('KR607 load-time-activity', () =>
    testRule('KR607', {
      valid: [
        { code: 'import requests\ndef get():\n    return requests.get(U, timeout=5)', options: INIT },
        // A script's top level runs when the user runs it, not at import.
        { code: 'import requests\nrequests.get(U, timeout=5)', options: { path: 'tool.py' } },
      ],
      invalid: [
        { code: 'import requests\nrequests.get(U, timeout=5)\nrequests.get(V, timeout=5)', errors: [{ line: 2, column: 1, message: 'Network access at install time (requests.get).' }], severity: 'medium', options: SETUP },
        { code: 'import subprocess\nsubprocess.run(["pkg-config", "--cflags", "x"])', lines: [2], severity: 'low', options: SETUP },
        { code: 'import urllib.request\nurllib.request.urlopen(U)', lines: [2], options: INIT },
        // PEP 517 hook of an in-tree backend.
        { code: 'import requests\ndef build_wheel(d, c=None, m=None):\n    requests.get(U, timeout=5)', lines: [3], options: { path: '_build/backend.py' } },
      ],
    }));

  it('the verdict combines indicators into a risk level', () => {
    expect(riskOf([])).toBe('none');
    expect(riskOf([{ ruleId: 'KR607', severity: 'low' }])).toBe('low');
    expect(riskOf([{ ruleId: 'KR607', severity: 'medium' }, { ruleId: 'KR606', severity: 'medium' }])).toBe('medium');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }])).toBe('high');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }, { ruleId: 'KR609', severity: 'high' }])).toBe('critical');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }, { ruleId: 'KR604', severity: 'high' }])).toBe('high');
  });
});
