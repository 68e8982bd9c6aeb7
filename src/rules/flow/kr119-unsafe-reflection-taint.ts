import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR119: data-flow rule (see src/taint/). */
export const unsafeReflectionTaint = defineRule({
  id: 'KR119',
  name: 'unsafe-reflection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [470],
  docs: {
    what: 'Follows HTTP request data into the name of a module to import (`importlib.import_module()`, `__import__()`) or of an attribute to fetch (`getattr(obj, name)`).',
    why: 'The attacker chooses which module is imported (running its top-level code) or which attribute or method is used (`getattr(os, "system")`): code the program never meant to expose (CWE-470).',
    example: 'handler = getattr(actions, request.args["action"])\nreturn handler()',
    instead: 'ACTIONS = {"list": actions.list_items, "show": actions.show_item}\nhandler = ACTIONS.get(request.args["action"])\nif handler is None:\n    abort(404)',
    references: ['https://cwe.mitre.org/data/definitions/470.html'],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} chooses a module or attribute by name in \`${sink}\`: map the allowed names to objects with a dict instead.`);
    },
  },
});
