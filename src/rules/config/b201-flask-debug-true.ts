import { defineRule } from '../../core/rule.js';
import { keywordIs } from '../../python/calls.js';

/** B201: the Werkzeug debugger lets anyone who reaches it run code. */
export const flaskDebugTrue = defineRule({
  id: 'B201',
  name: 'flask-debug-true',
  category: 'config',
  severity: 'high',
  confidence: 'medium',
  cwe: [94, 489],
  docs: {
    what: 'Flags `app.run(..., debug=True)` in modules that import Flask.',
    why: 'Debug mode serves the Werkzeug interactive debugger, which runs arbitrary Python typed into the error page (CWE-94, active debug code CWE-489).',
    example: 'app.run(debug=True)',
    instead: 'app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # and never in production',
    references: ['https://cwe.mitre.org/data/definitions/94.html', 'https://flask.palletsprojects.com/en/latest/debugging/', 'https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !q.endsWith('.run')) return;
      if (!ctx.semantic.importsModule('flask')) return;
      if (keywordIs(node, 'debug', 'True')) {
        ctx.report(node, {
          message: 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.',
          fix: 'Remove debug=True; enable debugging only through the environment on a developer machine.',
        });
      }
    },
  },
});
