import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';

function isCertNone(e: A.Expr, q: string | null): boolean {
  return q === 'ssl.CERT_NONE' || (e.type === 'Constant' && e.value === 'CERT_NONE');
}

/** KR128: TLS contexts and clients that do not check certificates or host names. */
export const tlsVerificationDisabled = defineRule({
  id: 'KR128',
  name: 'tls-verification-disabled',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [295],
  docs: {
    what: 'Flags `ctx.verify_mode = ssl.CERT_NONE`, `ctx.check_hostname = False`, `cert_reqs=ssl.CERT_NONE` / `"CERT_NONE"` (ssl, urllib3) and aiohttp\'s `ssl=False` / `verify_ssl=False`.',
    why: 'Without certificate and host-name checks any machine on the path can present its own certificate and read or change the traffic, credentials included (CWE-295).',
    example: 'ctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE',
    instead: 'ctx = ssl.create_default_context(cafile="internal-ca.pem")  # trust the private CA instead of turning checks off',
    references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://docs.python.org/3/library/ssl.html#security-considerations'],
  },
  visit: {
    Assign(node, ctx) {
      for (const t of node.targets) {
        if (t.type !== 'Attribute') continue;
        if (t.attr === 'verify_mode' && isCertNone(node.value, ctx.qualifiedName(node.value))) {
          ctx.report(node, { message: 'verify_mode = CERT_NONE: the peer certificate is not checked. Keep CERT_REQUIRED and load the right CA.' });
        } else if (t.attr === 'check_hostname' && node.value.type === 'Constant' && node.value.value === false) {
          ctx.report(node, { message: 'check_hostname = False: any valid certificate for any host is accepted. Keep host-name checking on.' });
        }
      }
    },
    Call(node, ctx) {
      for (const k of node.keywords) {
        if (k.arg === 'cert_reqs' && isCertNone(k.value, ctx.qualifiedName(k.value))) {
          ctx.report(node, { node: k, message: 'cert_reqs=CERT_NONE: the server certificate is not checked. Use CERT_REQUIRED with the right CA bundle.' });
        } else if ((k.arg === 'ssl' || k.arg === 'verify_ssl') && k.value.type === 'Constant' && k.value.value === false && (ctx.callName(node) ?? '').startsWith('aiohttp.')) {
          ctx.report(node, { node: k, message: `aiohttp ${k.arg}=False turns certificate verification off. Pass an ssl.SSLContext that trusts the right CA instead.` });
        }
      }
    },
  },
});
