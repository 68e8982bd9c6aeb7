import { defineRule } from '../../core/rule.js';

/** B702, as bandit's `use_of_mako_templates`: a call whose qualified name has a `mako` segment and ends in `Template`. */
export const useOfMakoTemplates = defineRule({
  id: 'B702',
  name: 'use-of-mako-templates',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: 'Flags the creation of Mako templates (`mako.template.Template(...)`).',
    why: 'Mako renders expressions without HTML escaping unless a filter is set; values from users then inject markup and scripts (cross-site scripting, CWE-79).',
    example: 'Template("<p>${name}</p>").render(name=name)',
    instead: 'Template("<p>${name}</p>", default_filters=["h"]).render(name=name)',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.makotemplates.org/en/latest/filtering.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b702_use_of_mako_templates.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const parts = q.split('.');
      if (!parts.includes('mako') || parts[parts.length - 1] !== 'Template') return;
      ctx.report(node, {
        message:
          "Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the 'n', 'h' or 'x' flags (depending on context). For example, to HTML escape the variable 'data' do ${ data |h }.",
        fix: 'Set default_filters=["h"] on Template/TemplateLookup (or escape each expression with |h).',
      });
    },
  },
});
