import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR131 lxml parser with entity resolution or network', () =>
    testRule('KR131', {
      valid: ['from lxml import etree\np = etree.XMLParser(resolve_entities=False, no_network=True)'],
      invalid: [{ code: 'from lxml import etree\np = etree.XMLParser(resolve_entities=True, no_network=False)', errors: [{ line: 2, column: 5, message: 'lxml parser with resolve_entities=True, no_network=False: untrusted XML can read files or reach the network (XXE). Use resolve_entities=False, no_network=True, or defusedxml.' }] }],
    }));
});
