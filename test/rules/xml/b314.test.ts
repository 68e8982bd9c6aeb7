import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B314 ElementTree, message names the function', () => {
    testRule('B314', {
      valid: ['import defusedxml.ElementTree as ET\nET.fromstring(s)', 'import xml.etree.ElementTree as ET\nET.tostring(e)'],
      invalid: [
        { code: 'import xml.etree.ElementTree as ET\nET.fromstring(s)', errors: [{ line: 2, column: 1, message: 'Using xml.etree.ElementTree.fromstring to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree.fromstring with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }], severity: 'medium' },
        { code: 'from xml.etree.ElementTree import XMLParser, iterparse\nXMLParser()\niterparse(f)', lines: [2, 3] },
      ],
    });
  });
});
