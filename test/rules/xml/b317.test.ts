import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B317 sax', () =>
    testRule('B317', {
      valid: ['import defusedxml.sax\ndefusedxml.sax.parseString(s, h)', 'import xml.sax\nxml.sax.ContentHandler()'],
      invalid: [{ code: 'import xml.sax\nxml.sax.parseString(s, h)\np = xml.sax.make_parser()', errors: [{ line: 2, column: 1, message: 'Using xml.sax.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 5, message: 'Using xml.sax.make_parser to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.make_parser with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
