import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg } from '../../python/calls.js';

const CLIENT = /^(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options|request)$|^(?:requests\.Session|httpx\.Client|urllib\.request\.Request|urllib\.request\.urlopen)$/;
const LOCAL = /^http:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(?:[:/]|$)/i;
const SECRET_PARAM = /[?&](?:access_?token|token|api_?key|apikey|key|password|passwd|pwd|secret|client_secret|auth|sig|signature)=/i;
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-csrf-token)$/i;
const SECRET_FIELD = /^(?:password|passwd|pwd|secret|token|access_token|refresh_token|api_key|apikey|client_secret)$/i;

/** The literal start of a URL expression ("http://host/x?token=" of an f-string), or undefined. */
function urlPrefix(e: A.Expr, ctx: RuleContext): string | undefined {
  const v = ctx.constValue(e);
  if (typeof v === 'string') return v;
  if (e.type === 'JoinedStr') {
    let s = '';
    for (const p of e.values) {
      if (p.type === 'Constant' && typeof p.value === 'string') s += p.value;
      else if (!s) return undefined;
      else s += '{}';
    }
    return s;
  }
  if (e.type === 'BinOp' && e.op === 'Add') return urlPrefix(e.left, ctx);
  return undefined;
}

function dictKeys(e: A.Expr | undefined): string[] {
  if (!e || e.type !== 'Dict') return [];
  return e.keys.flatMap((k) => (k && k.type === 'Constant' && typeof k.value === 'string' ? [k.value] : []));
}

/** KR127: credentials sent over plain HTTP. */
export const credentialsOverHttp = defineRule({
  id: 'KR127',
  name: 'credentials-over-http',
  category: 'auth',
  severity: 'high',
  confidence: 'medium',
  cwe: [319],
  docs: {
    what: 'Flags `requests`/`httpx`/`urllib` calls to an `http://` URL (not localhost) that carry credentials: `auth=`, an `Authorization`/API-key/cookie header, a token or password in the query string or URL userinfo, or password/token fields in `data=`/`json=`.',
    why: 'Plain HTTP is readable and changeable by anyone on the path (Wi-Fi, proxies, ISPs): the credentials are disclosed with every request (CWE-319).',
    example: 'requests.get("http://api.example.com/v1/orders", headers={"Authorization": f"Bearer {token}"}, timeout=10)',
    instead: 'requests.get("https://api.example.com/v1/orders", headers={"Authorization": f"Bearer {token}"}, timeout=10)',
    references: ['https://cwe.mitre.org/data/definitions/319.html', 'https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      if (!CLIENT.test(q)) return;
      const urlExpr = (q.endsWith('.request') ? node.args[1] : node.args[0]) ?? keywordArg(node, 'url')?.value;
      if (!urlExpr) return;
      const url = urlPrefix(urlExpr, ctx);
      if (!url || !/^http:\/\//i.test(url) || LOCAL.test(url)) return;
      const why: string[] = [];
      if (keywordArg(node, 'auth')) why.push('auth=');
      const headers = dictKeys(keywordArg(node, 'headers')?.value).filter((h) => SECRET_HEADER.test(h));
      if (headers.length) why.push(`the ${headers[0]} header`);
      if (SECRET_PARAM.test(url)) why.push('a secret in the query string');
      if (/^http:\/\/[^/@\s]+:[^/@\s]*@/i.test(url)) why.push('credentials in the URL');
      for (const k of ['data', 'json', 'params']) {
        const f = dictKeys(keywordArg(node, k)?.value).find((x) => SECRET_FIELD.test(x));
        if (f) why.push(`the "${f}" field`);
      }
      if (!why.length) return;
      ctx.report(node, { node: urlExpr, message: `Credentials (${why.join(', ')}) sent over plain http://: use https:// so they cannot be read on the way.` });
    },
  },
});
