import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B313 cElementTree', () =>
    testRule('B313', {
      valid: ['import defusedxml.cElementTree as ET\nET.parse(f)'],
      invalid: [{ code: 'import xml.etree.cElementTree as ET\nET.parse(f)\nET.fromstring(s)', errors: [{ line: 2, column: 1, message: 'Using xml.etree.cElementTree.parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.cElementTree.parse with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 1, message: 'Using xml.etree.cElementTree.fromstring to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.cElementTree.fromstring with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
