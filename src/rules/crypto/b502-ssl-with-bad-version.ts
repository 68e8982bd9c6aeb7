/**
 * B502, as bandit's `ssl_with_bad_version`: `ssl.wrap_socket(ssl_version=<bad>)` and
 * `pyOpenSSL.SSL.Context(method=<bad>)` are high/high; any other call with `method=` or
 * `ssl_version=` set to a bad protocol constant is medium/medium. Only keyword arguments
 * are judged (bandit neither reads positional ones). Reported on the keyword's line.
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg, keywordValueText } from '../../python/calls.js';
import { SSL_OPTIONS } from './ssl-versions.js';

function badKeyword(call: A.Call, name: string, bad: readonly string[]): A.Keyword | undefined {
  const k = keywordArg(call, name);
  if (!k) return undefined;
  const v = keywordValueText(k.value);
  return v !== undefined && bad.includes(v) ? k : undefined;
}

export const sslWithBadVersion = defineRule({
  id: 'B502',
  name: 'ssl-with-bad-version',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [327],
  options: SSL_OPTIONS,
  docs: {
    what: 'Flags SSL/TLS set up with SSLv2, SSLv3, TLS 1.0 or TLS 1.1 (`ssl_version=ssl.PROTOCOL_SSLv3`, `method=SSL.TLSv1_METHOD`…).',
    why: 'These protocol versions have practical attacks (DROWN, POODLE, BEAST) and are disabled by modern peers; traffic protected by them can be decrypted or downgraded (CWE-327).',
    example: 'ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1)',
    instead: 'ctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\nctx.wrap_socket(sock, server_hostname=host)',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://docs.python.org/3/library/ssl.html#protocol-versions',
      'https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const bad = ctx.option<string[]>('bad_protocol_versions');
      const q = ctx.callName(node);
      const fix = 'Use ssl.create_default_context() (TLS 1.2+), or set minimum_version = ssl.TLSVersion.TLSv1_2.';
      if (q === 'ssl.wrap_socket') {
        const k = badKeyword(node, 'ssl_version', bad);
        if (k) ctx.report(node, { node: k.value, message: 'ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.', fix });
      } else if (q === 'pyOpenSSL.SSL.Context') {
        const k = badKeyword(node, 'method', bad);
        if (k) ctx.report(node, { node: k.value, message: 'SSL.Context call with insecure SSL/TLS protocol version identified, security issue.', fix });
      } else {
        const k = badKeyword(node, 'method', bad) ?? badKeyword(node, 'ssl_version', bad);
        if (k) {
          ctx.report(node, {
            node: (keywordArg(node, 'method') ?? k).value,
            severity: 'medium',
            confidence: 'medium',
            message: 'Function call with insecure SSL/TLS protocol identified, possible security issue.',
            fix,
          });
        }
      }
    },
  },
});
