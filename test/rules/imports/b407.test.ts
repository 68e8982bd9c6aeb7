import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B407 expatbuilder', () =>
    testRule('B407', { valid: ['from xml.dom import minidom'], invalid: [{ code: 'from xml.dom import expatbuilder', errors: [{ line: 1, column: 1, message: 'Using expatbuilder to parse untrusted XML data is known to be vulnerable to XML attacks. Replace expatbuilder with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));
});
