import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B318 minidom', () =>
    testRule('B318', {
      valid: ['from defusedxml import minidom\nminidom.parseString(s)', 'from xml.dom import minidom\nminidom.Document()'],
      invalid: [{ code: 'from xml.dom import minidom\ndoc = minidom.parseString(s)', errors: [{ line: 2, column: 7, message: 'Using xml.dom.minidom.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.minidom.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
