import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B319 pulldom', () =>
    testRule('B319', {
      valid: ['from defusedxml import pulldom\npulldom.parse(f)'],
      invalid: [{ code: 'import xml.dom.pulldom\nxml.dom.pulldom.parseString(s)', errors: [{ line: 2, column: 1, message: 'Using xml.dom.pulldom.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.pulldom.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
