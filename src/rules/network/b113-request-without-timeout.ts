import { defineRule } from '../../core/rule.js';
import { calledName, keywordArg } from '../../python/calls.js';

const HTTP_VERBS = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
const HTTPX_ATTRS = new Set([...HTTP_VERBS, 'stream', 'Client', 'AsyncClient']);

/** B113: HTTP requests that can hang forever. */
export const requestWithoutTimeout = defineRule({
  id: 'B113',
  name: 'request-without-timeout',
  category: 'code',
  severity: 'medium',
  confidence: 'low',
  cwe: [400],
  docs: {
    what: 'Flags `requests` calls without a `timeout`, and `requests`/`httpx` calls with `timeout=None`.',
    why: '`requests` waits forever by default. A slow or malicious server can then hold a worker indefinitely; enough such calls exhaust the service (CWE-400).',
    example: 'requests.get(url)',
    instead: 'requests.get(url, timeout=10)',
    references: ['https://cwe.mitre.org/data/definitions/400.html', 'https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const root = q.split('.')[0];
      const fn = calledName(node);
      if (!fn) return;
      const isRequests = root === 'requests' && HTTP_VERBS.has(fn);
      const isHttpx = root === 'httpx' && HTTPX_ATTRS.has(fn);
      if (!isRequests && !isHttpx) return;
      const t = keywordArg(node, 'timeout');
      if (!t) {
        if (isRequests) ctx.report(node, { message: `Call to requests without timeout`, fix: 'Pass timeout= (seconds, or a (connect, read) tuple).' });
      } else if (t.value.type === 'Constant' && t.value.kind === 'None') {
        ctx.report(node, { message: `Call to ${root} with timeout set to None`, fix: 'Pass a finite timeout= (seconds).' });
      }
    },
  },
});
