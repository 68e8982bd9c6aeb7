import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B315 expatreader', () =>
    testRule('B315', {
      valid: ['from defusedxml import expatreader\nexpatreader.create_parser()'],
      invalid: [{ code: 'import xml.sax.expatreader\nxml.sax.expatreader.create_parser()', errors: [{ line: 2, column: 1, message: 'Using xml.sax.expatreader.create_parser to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.expatreader.create_parser with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));
});
