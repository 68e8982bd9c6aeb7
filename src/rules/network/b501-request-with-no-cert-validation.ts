import { defineRule } from '../../core/rule.js';
import { calledName, keywordIs } from '../../python/calls.js';

const HTTP_VERBS = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
const HTTPX_ATTRS = new Set([...HTTP_VERBS, 'stream', 'Client', 'AsyncClient']);

/** B501: TLS certificate checks turned off. */
export const requestWithNoCertValidation = defineRule({
  id: 'B501',
  name: 'request-with-no-cert-validation',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [295],
  docs: {
    what: 'Flags `requests` and `httpx` calls made with `verify=False`.',
    why: 'Without certificate validation anyone on the network path can impersonate the server and read or change the traffic, credentials included (CWE-295).',
    example: 'requests.get(url, verify=False)',
    instead: 'requests.get(url, timeout=10)  # verify=True is the default; for a private CA pass verify="/path/ca.pem"',
    references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://bandit.readthedocs.io/en/latest/plugins/b501_request_with_no_cert_validation.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const root = q.split('.')[0];
      const fn = calledName(node);
      if (!fn) return;
      if ((root === 'requests' && HTTP_VERBS.has(fn)) || (root === 'httpx' && HTTPX_ATTRS.has(fn))) {
        if (keywordIs(node, 'verify', 'False')) {
          ctx.report(node, { message: `Call to ${root} with verify=False disabling SSL certificate checks, security issue.`, fix: 'Remove verify=False; pass verify="/path/to/ca-bundle.pem" for a private CA.' });
        }
      }
    },
  },
});
