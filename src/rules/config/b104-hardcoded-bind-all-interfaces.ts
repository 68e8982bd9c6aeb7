import { defineRule } from '../../core/rule.js';

/** B104: binding to 0.0.0.0 exposes a service on every network interface. */
export const hardcodedBindAllInterfaces = defineRule({
  id: 'B104',
  name: 'hardcoded-bind-all-interfaces',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: [605],
  docs: {
    what: 'Flags the string literal `"0.0.0.0"`, the address that binds every network interface.',
    why: 'A service bound to all interfaces is reachable from every network the host is on, including ones it was never meant to serve (CWE-605). Development servers and admin endpoints are often exposed this way by accident.',
    example: 'app.run(host="0.0.0.0")',
    instead: 'Bind to the loopback address by default and make the address configurable:\napp.run(host=os.environ.get("HOST", "127.0.0.1"))',
    references: ['https://cwe.mitre.org/data/definitions/605.html', 'https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html'],
  },
  visit: {
    Constant(node, ctx) {
      if (node.kind === 'str' && node.value === '0.0.0.0') {
        ctx.report(node, { message: 'Possible binding to all interfaces.', fix: 'Bind to 127.0.0.1 (or a configured address) unless the service must be public.' });
      }
    },
  },
});
