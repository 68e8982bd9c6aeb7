import { defineRule } from '../../core/rule.js';

const PARSERS = new Set(['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.etree.iterparse', 'lxml.objectify.makeparser', 'lxml.etree.XMLTreeBuilder']);

/** KR131: lxml parsers configured to resolve external entities or reach the network. */
export const lxmlUnsafeParser = defineRule({
  id: 'KR131',
  name: 'lxml-unsafe-parser',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags lxml `XMLParser`/`XMLPullParser`/`iterparse`/`objectify.makeparser` created with `resolve_entities=True`, `no_network=False`, `load_dtd=True` or `huge_tree=True`.',
    why: 'Resolving entities in untrusted XML reads local files (`<!ENTITY x SYSTEM "file:///etc/passwd">`) and, with the network allowed, makes requests from the server (XXE, CWE-611); huge_tree lifts the limits that stop entity-expansion bombs.',
    example: 'parser = etree.XMLParser(resolve_entities=True, no_network=False)\ndoc = etree.fromstring(body, parser)',
    instead: 'parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)\n# or: import defusedxml.lxml',
    references: ['https://cwe.mitre.org/data/definitions/611.html', 'https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint', 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html'],
  },
  visit: {
    Call(node, ctx) {
      if (!PARSERS.has(ctx.callName(node) ?? '')) return;
      const bad: string[] = [];
      for (const k of node.keywords) {
        if (!k.arg || k.value.type !== 'Constant') continue;
        const v = k.value.value;
        if ((k.arg === 'resolve_entities' || k.arg === 'load_dtd' || k.arg === 'huge_tree') && v === true) bad.push(`${k.arg}=True`);
        if (k.arg === 'no_network' && v === false) bad.push('no_network=False');
      }
      if (!bad.length) return;
      ctx.report(node, { message: `lxml parser with ${bad.join(', ')}: untrusted XML can read files or reach the network (XXE). Use resolve_entities=False, no_network=True, or defusedxml.` });
    },
  },
});
