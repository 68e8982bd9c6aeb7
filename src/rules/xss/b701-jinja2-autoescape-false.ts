/**
 * B701, as bandit's `jinja2_autoescape_false`: a call whose qualified name contains a
 * `jinja2` segment and ends in `Environment`. The first `autoescape=` keyword found
 * breadth-first in the call (nested calls included, as bandit's `ast.walk`) decides:
 * False → high/high; True or a `select_autoescape(...)` call → fine; anything else →
 * high/medium. No `autoescape=` at all → high/high (Jinja2's default is off).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { children } from '../../python/visit.js';

function firstAutoescape(call: A.Call): A.Keyword | undefined {
  const queue: A.AnyNode[] = [call];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    if (n.type === 'keyword' && n.arg === 'autoescape') return n;
    for (const c of children(n)) queue.push(c);
  }
  return undefined;
}

export const jinja2AutoescapeFalse = defineRule({
  id: 'B701',
  name: 'jinja2-autoescape-false',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: 'Flags `jinja2.Environment(...)` created with `autoescape=False` or without `autoescape`.',
    why: 'Jinja2 does not escape by default; values rendered into HTML templates then carry markup and scripts into the page (cross-site scripting, CWE-79).',
    example: 'env = jinja2.Environment(loader=FileSystemLoader("templates"))',
    instead: 'env = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
      'https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const parts = q.split('.');
      if (!parts.includes('jinja2') || parts[parts.length - 1] !== 'Environment') return;
      const fix = 'Pass autoescape=True or autoescape=select_autoescape() (HTML/XML templates escaped).';
      const k = firstAutoescape(node);
      if (!k) {
        ctx.report(node, {
          message: 'By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.',
          fix,
        });
        return;
      }
      const v = k.value;
      if ((v.type === 'Name' && v.id === 'False') || (v.type === 'Constant' && v.value === false)) {
        ctx.report(node, {
          message: 'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.',
          fix,
        });
        return;
      }
      if ((v.type === 'Name' && v.id === 'True') || (v.type === 'Constant' && v.value === true)) return;
      if (v.type === 'Call' && ((v.func.type === 'Name' && v.func.id === 'select_autoescape') || (v.func.type === 'Attribute' && v.func.attr === 'select_autoescape'))) return;
      ctx.report(node, {
        confidence: 'medium',
        message: 'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.',
        fix,
      });
    },
  },
});
