import { defineRule } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';

/** B504, as bandit's `ssl_with_no_version`: `ssl.wrap_socket()` without `ssl_version=`. */
export const sslWithNoVersion = defineRule({
  id: 'B504',
  name: 'ssl-with-no-version',
  category: 'config',
  severity: 'low',
  confidence: 'medium',
  cwe: [327],
  docs: {
    what: 'Flags `ssl.wrap_socket()` calls that do not pass `ssl_version=`.',
    why: '`ssl.wrap_socket` (removed in Python 3.12) defaults to the negotiable `PROTOCOL_TLS`/SSLv23 and verifies nothing, so old protocol versions may be negotiated (CWE-327).',
    example: 'ssl.wrap_socket(sock)',
    instead: 'ssl.create_default_context().wrap_socket(sock, server_hostname=host)',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_socket',
      'https://bandit.readthedocs.io/en/latest/plugins/b504_ssl_with_no_version.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (ctx.callName(node) !== 'ssl.wrap_socket' || keywordArg(node, 'ssl_version')) return;
      ctx.report(node, {
        message: 'ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.',
        fix: 'Use ssl.create_default_context().wrap_socket(sock, server_hostname=host), which negotiates TLS 1.2+ and verifies the peer.',
      });
    },
  },
});
