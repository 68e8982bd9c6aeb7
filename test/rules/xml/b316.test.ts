import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B316 expatbuilder', () =>
    testRule('B316', {
      valid: ['from defusedxml import expatbuilder\nexpatbuilder.parseString(s)'],
      invalid: [{ code: 'from xml.dom import expatbuilder\nexpatbuilder.parse(f)\nexpatbuilder.parseString(s)', errors: [{ line: 2, column: 1, message: 'Using xml.dom.expatbuilder.parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.expatbuilder.parse with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 1, message: 'Using xml.dom.expatbuilder.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.expatbuilder.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
