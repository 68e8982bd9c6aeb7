/**
 * KR145: identifiers spelled with characters that CPython's NFKC normalisation (PEP 3131)
 * turns into another name — fullwidth `ｅｖａｌ`, mathematical `𝐞𝐱𝐞𝐜`, ligatures `ﬁle`.
 * CPython runs them as the normalised name (the parser hands rules the normalised name,
 * so B307 already sees `eval`); this rule reports the disguise itself, one finding per
 * occurrence. Names that are non-ASCII but already normal (`données`) are not reported.
 */
import { defineRule } from '../../core/rule.js';

export const identifierNormalisationObfuscation = defineRule({
  id: 'KR145',
  name: 'identifier-normalisation-obfuscation',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [1007],
  docs: {
    what: 'Flags identifiers written with look-alike Unicode characters that Python normalises (NFKC) to a different name, e.g. fullwidth `ｅｖａｌ(x)` which Python runs as `eval(x)`.',
    why: 'Python normalises identifiers with NFKC before binding them, so `ｅｖａｌ`, `𝐞𝐯𝐚𝐥` and `eval` are the same name. A reviewer, a grep or a tool that compares raw text does not see `eval`; the spelling serves only to hide what the code calls (CWE-1007, insufficient visual distinction of homoglyphs; CWE-176).',
    example: "ｅｖａｌ(request.args['q'])",
    instead: "eval(request.args['q'])  # written plainly, so review and tools see it (better: no eval at all)",
    references: [
      'https://peps.python.org/pep-3131/',
      'https://docs.python.org/3/reference/lexical_analysis.html#identifiers',
      'https://cwe.mitre.org/data/definitions/1007.html',
    ],
  },
  visit: {
    Module(node, ctx) {
      for (const r of node.renamed ?? []) {
        // eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, on purpose
        const plain = /^[\x00-\x7f]*$/.test(r.name);
        ctx.report(node, {
          node: { ...node, lineno: r.line, end_lineno: r.line, col_offset: r.col, end_col_offset: r.endCol },
          message: plain
            ? `Identifier ${JSON.stringify(r.written)} is written with look-alike Unicode characters; Python reads it as \`${r.name}\`.`
            : `Identifier ${JSON.stringify(r.written)} is not in normal form; Python reads it as ${JSON.stringify(r.name)}.`,
          fix: `Write the name as Python reads it: \`${r.name}\`.`,
          properties: { written: r.written, normalised: r.name },
        });
      }
    },
  },
});
