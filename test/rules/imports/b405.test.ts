import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B405 xml.etree', () =>
    testRule('B405', {
      valid: ['import xml.etree', 'from xml import etree', 'import defusedxml.ElementTree'],
      invalid: [
        { code: 'import xml.etree.ElementTree as ET', errors: [{ line: 1, column: 1, message: 'Using xml.etree.ElementTree to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] },
        { code: 'from xml.etree import cElementTree', lines: [1] },
        { code: 'from xml.etree.ElementTree import parse', lines: [1] },
      ],
    }));
});
