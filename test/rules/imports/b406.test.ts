import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B406 xml.sax', () =>
    testRule('B406', {
      valid: ['from defusedxml import sax'],
      invalid: [{ code: 'import xml.sax', errors: [{ line: 1, column: 1, message: 'Using xml.sax to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }, { code: 'from xml.sax import make_parser', lines: [1] }, { code: 'from xml import sax', lines: [1] }],
    }));
});
