import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B408 minidom', () =>
    testRule('B408', { valid: ['from defusedxml import minidom'], invalid: [{ code: 'import xml.dom.minidom', errors: [{ line: 1, column: 1, message: 'Using xml.dom.minidom to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.minidom with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));
});
