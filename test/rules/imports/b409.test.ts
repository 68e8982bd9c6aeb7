import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B409 pulldom', () =>
    testRule('B409', { valid: ['from defusedxml import pulldom'], invalid: [{ code: 'from xml.dom.pulldom import parse', errors: [{ line: 1, column: 1, message: 'Using parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace parse with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));
});
