/**
 * B503, as bandit's `ssl_with_bad_defaults`: a `def` whose positional parameter defaults
 * include an attribute ending in a bad protocol constant (`version=SSL.SSLv2_METHOD`).
 * As bandit: only `def` (not `async def`), only positional defaults, only attributes.
 */
import { defineRule } from '../../core/rule.js';
import { SSL_OPTIONS } from './ssl-versions.js';

export const sslWithBadDefaults = defineRule({
  id: 'B503',
  name: 'ssl-with-bad-defaults',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: [327],
  options: SSL_OPTIONS,
  docs: {
    what: 'Flags function definitions whose default argument is a broken SSL/TLS protocol constant (SSLv2, SSLv3, TLS 1.0, TLS 1.1).',
    why: 'Every caller that relies on the default gets a protocol with practical attacks (POODLE, BEAST), usually without noticing (CWE-327).',
    example: 'def connect(host, version=ssl.PROTOCOL_TLSv1):\n    ...',
    instead: 'def connect(host, context=None):\n    context = context or ssl.create_default_context()',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://docs.python.org/3/library/ssl.html#protocol-versions',
      'https://bandit.readthedocs.io/en/latest/plugins/b503_ssl_with_bad_defaults.html',
    ],
  },
  visit: {
    FunctionDef(node, ctx) {
      if (node.type !== 'FunctionDef') return;
      const bad = ctx.option<string[]>('bad_protocol_versions');
      for (const d of node.args.defaults) {
        if (d.type === 'Attribute' && bad.includes(d.attr)) {
          ctx.report(node, {
            message: 'Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.',
            fix: 'Default to None and build ssl.create_default_context() (TLS 1.2+) inside the function.',
          });
          return;
        }
      }
    },
  },
});
