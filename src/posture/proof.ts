/**
 * Impact and proof of concept for data-flow findings: when a finding's trace starts in an
 * HTTP route handler (or a CLI entry point) of the route inventory, say which method, path
 * and parameter reach the sink, give a request that demonstrates it (a `curl` line with a
 * payload for the sink kind) and the impact in one sentence. krait only prints this text:
 * it never sends a request anywhere and never runs the audited code.
 */
import type { Finding, ProofOfConcept } from '../core/finding.js';
import type { Route } from './types.js';

/** Payload and impact per sink kind (matched on the sink step's "(sink: …)" label). */
const KINDS: { re: RegExp; kind: string; payload: string; impact: string }[] = [
  { re: /SQL query/, kind: 'sql', payload: "' OR '1'='1' -- ", impact: 'An attacker reads or changes any row of the database the application can reach (SQL injection).' },
  { re: /command to run|shell/, kind: 'command', payload: '127.0.0.1; id', impact: 'An attacker runs any command on the server with the application\'s privileges (command injection).' },
  { re: /code evaluation|code to run|eval/, kind: 'code', payload: "__import__('os').system('id')", impact: 'An attacker runs any Python code inside the application process (code injection).' },
  { re: /template/, kind: 'template', payload: '{{7*7}}{{config.items()}}', impact: 'An attacker runs code in the template engine and reads the application\'s configuration and secrets (server-side template injection).' },
  { re: /outgoing request|URL/, kind: 'ssrf', payload: 'http://169.254.169.254/latest/meta-data/', impact: 'An attacker makes the server fetch internal addresses (cloud metadata, admin services) and read the answers (SSRF).' },
  { re: /redirect/, kind: 'redirect', payload: 'https://evil.example/login', impact: 'An attacker sends users a link on your domain that lands on a phishing page (open redirect).' },
  { re: /HTML|markup/, kind: 'xss', payload: '<script>alert(document.domain)</script>', impact: 'An attacker runs script in the browser of whoever opens the page, with their session (cross-site scripting).' },
  { re: /deserialis|deserializ/, kind: 'deserialization', payload: '<base64 of a pickle whose __reduce__ calls os.system("id")>', impact: 'An attacker runs any code on the server by sending a crafted serialized object (unsafe deserialization).' },
  { re: /LDAP/, kind: 'ldap', payload: '*)(uid=*))(|(uid=*', impact: 'An attacker widens the directory query to read or authenticate as other entries (LDAP injection).' },
  { re: /XPath/, kind: 'xpath', payload: "' or '1'='1", impact: 'An attacker reads XML nodes the query was meant to hide (XPath injection).' },
  { re: /log message|\blog\b/, kind: 'log', payload: 'x\nINFO login succeeded user=admin', impact: 'An attacker forges log lines, hiding an attack or framing another user (log injection).' },
  { re: /header/, kind: 'header', payload: 'x\r\nSet-Cookie: session=attacker', impact: 'An attacker adds headers to the response (cookies, redirects) or splits it (header injection).' },
  { re: /session/, kind: 'session', payload: 'admin', impact: 'An attacker writes their own values into the session, such as a role, and gains privileges.' },
  { re: /file path|path/, kind: 'path', payload: '../../../../etc/passwd', impact: 'An attacker reads or writes files outside the intended folder (path traversal).' },
];

/** Sink kind by the finding's most specific CWE, when the trace's sink step has no label. */
const BY_CWE: Record<number, string> = { 89: 'sql', 78: 'command', 94: 'code', 95: 'code', 22: 'path', 36: 'path', 918: 'ssrf', 1336: 'template', 601: 'redirect', 79: 'xss', 502: 'deserialization', 90: 'ldap', 643: 'xpath', 113: 'header', 117: 'log' };

/** Where a request value comes from, by the source's text. */
function inputKind(source: string): ProofOfConcept['in'] | undefined {
  if (/request\.(args|GET|query_params)|query/.test(source)) return 'query';
  if (/request\.(form|POST|values)/.test(source)) return 'form';
  if (/request\.(json|get_json|data|body)|body:/.test(source)) return 'json';
  if (/request\.(cookies|COOKIES)/.test(source)) return 'cookie';
  if (/request\.(headers|META|environ)/.test(source)) return 'header';
  if (/request\.files|FILES/.test(source)) return 'file';
  return undefined;
}

/** The parameter name read at the first steps (`request.args.get("city")`, `request.form["host"]`). */
function parameterName(f: Finding): string | undefined {
  for (const s of f.trace!.slice(0, 3)) {
    const m = /request\.\w+(?:\.get)?(?:\(|\[)\s*["']([^"']{1,60})["']/.exec(s.message) ?? /\b(?:args|form|GET|POST|cookies|COOKIES|headers|json)(?:\.get)?\(\s*["']([^"']{1,60})["']/.exec(s.message);
    if (m) return m[1];
  }
  const p = /parameter '([A-Za-z_]\w*)' of route handler/.exec(f.trace![0].message);
  return p?.[1];
}

/** Quote a string for a POSIX shell; control characters in bash's $'…' form (one line). */
function shq(s: string): string {
  if (/[\r\n\t]/.test(s)) return `$'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The route whose handler holds the trace's source: same file, nearest route declared above it, before the next one. */
function routeFor(f: Finding, routes: readonly Route[]): Route | undefined {
  const src = f.trace![0].location;
  const m = /of route handler (\w+)\(\)/.exec(f.trace![0].message);
  const inFile = routes
    .filter((r) => (r.handlerLocation ?? r.location).path === src.path)
    .sort((a, b) => (a.handlerLocation ?? a.location).line - (b.handlerLocation ?? b.location).line);
  if (m) {
    const byName = inFile.find((r) => r.handler === m[1] || r.handler.endsWith('.' + m[1]));
    if (byName) return byName;
  }
  let best: Route | undefined;
  for (const r of inFile) if ((r.handlerLocation ?? r.location).line <= src.startLine) best = r;
  return best;
}

/**
 * Attach `proof` (method, path, parameter, request, impact) to every finding with a trace
 * whose source lies in an HTTP route handler or a CLI entry point of `routes`.
 */
export function attachProofs(findings: Finding[], routes: readonly Route[]): void {
  for (const f of findings) {
    if (!f.trace?.length) continue;
    const source = f.trace[0];
    const sink = f.trace[f.trace.length - 1];
    const label = /\(sink: ([^)]*)\)/.exec(sink.message)?.[1] ?? f.message;
    const k = (/\(sink: /.test(sink.message) ? KINDS.find((x) => x.re.test(label)) : undefined) ?? KINDS.find((x) => f.cwe.some((c) => BY_CWE[c] === x.kind));
    if (!k) continue;
    const route = routeFor(f, routes);
    if (!route) continue;
    const param = parameterName(f);
    if (route.kind === 'cli') {
      f.proof = { kind: route.kind, method: '', path: route.path ?? route.handler, parameter: param ?? 'argv', in: 'argv', payload: k.payload, request: `${route.path ?? route.handler} ${shq(k.payload)}`, impact: k.impact };
      continue;
    }
    if (!param || route.path === null) continue;
    const pathParam = new RegExp(`<(?:\\w+:)?${param}>|\\{${param}(?::[^}]*)?\\}`);
    const where = pathParam.test(route.path) ? ('path' as const) : inputKind(source.message);
    if (!where) continue;
    const method = route.methods.includes('*') ? (where === 'query' || where === 'path' ? 'GET' : 'POST') : where === 'query' && route.methods.includes('GET') ? 'GET' : route.methods.find((m) => m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS') ?? route.methods[0] ?? 'GET';
    const base = route.framework === 'flask' ? 'http://localhost:5000' : 'http://localhost:8000';
    const url = base + (route.path.startsWith('/') ? '' : '/') + route.path.replace(pathParam, where === 'path' ? encodeURIComponent(k.payload) : `$&`).replace(/<(?:\w+:)?(\w+)>|\{(\w+)(?::[^}]*)?\}/g, '1');
    let request: string;
    switch (where) {
      case 'path':
        request = `curl ${method === 'GET' ? '' : `-X ${method} `}${shq(url)}`;
        break;
      case 'query':
        request = `curl -G ${method === 'GET' ? '' : `-X ${method} `}${shq(url)} --data-urlencode ${shq(`${param}=${k.payload}`)}`;
        break;
      case 'form':
        request = `curl -X ${method} ${shq(url)} --data-urlencode ${shq(`${param}=${k.payload}`)}`;
        break;
      case 'json':
        request = `curl -X ${method} ${shq(url)} -H 'Content-Type: application/json' -d ${shq(JSON.stringify({ [param]: k.payload }))}`;
        break;
      case 'cookie':
        request = `curl ${method === 'GET' ? '' : `-X ${method} `}${shq(url)} --cookie ${shq(`${param}=${encodeURIComponent(k.payload)}`)}`;
        break;
      case 'header':
        request = `curl ${method === 'GET' ? '' : `-X ${method} `}${shq(url)} -H ${shq(`${param}: ${k.payload}`)}`;
        break;
      default:
        request = `curl -X ${method} ${shq(url)} -F ${shq(`${param}=@payload.bin`)}`;
    }
    f.proof = { kind: 'http', method, path: route.path, parameter: param, in: where, payload: k.payload, request, impact: k.impact };
  }
}
