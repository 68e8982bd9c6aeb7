/**
 * Impact and proof of concept for data-flow findings: on the example app, each flow
 * finding that starts in a route handler names the route's method, path and the request
 * parameter that reaches the sink (checked by hand against the app's source), with a
 * payload for the sink kind and a curl line; reports show it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import { writeReport } from '../../src/report/index.js';
import { ruleMeta } from '../../src/rules/catalog.js';
import { attachProofs } from '../../src/posture/proof.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import type { Route } from '../../src/posture/types.js';

const APP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'vulnerable-app');
let report: Report;
beforeAll(async () => {
  report = await scan({ targets: [APP], analyses: ['rules', 'posture'], config: false, jobs: 1 });
}, 60_000);

const proofAt = (file: string, line: number, rule: string) => report.findings.find((f) => f.location.path.endsWith(file) && f.location.startLine === line && f.ruleId === rule)?.proof;

describe('proofs of concept on the example app', () => {
  it('route, method, parameter and request match the source', () => {
    expect(proofAt('app/flows.py', 42, 'KR101')).toMatchObject({ method: 'GET', path: '/customers', parameter: 'city', in: 'query', request: `curl -G 'http://localhost:5000/customers' --data-urlencode 'city='\\'' OR '\\''1'\\''='\\''1'\\'' -- '` });
    expect(proofAt('app/main.py', 29, 'B602')).toMatchObject({ method: 'POST', path: '/admin/ping', parameter: 'host', in: 'form', payload: '127.0.0.1; id' });
    expect(proofAt('app/flows.py', 35, 'B602')).toMatchObject({ method: 'GET', path: '/reports/<name>', parameter: 'name', in: 'path', request: "curl 'http://localhost:5000/reports/127.0.0.1%3B%20id'" });
    expect(proofAt('app/flows.py', 92, 'KR107')).toMatchObject({ method: 'POST', path: '/login', parameter: 'next', in: 'query' });
    expect(proofAt('app/flows.py', 137, 'B301')).toMatchObject({ method: 'GET', path: '/cart/restore', parameter: 'cart', in: 'cookie' });
    expect(proofAt('app/storefront.py', 31, 'KR104')).toMatchObject({ path: '/exports/download', parameter: 'name', payload: '../../../../etc/passwd' });
    expect(proofAt('backoffice/views.py', 35, 'B308')).toMatchObject({ method: 'POST', path: 'products/<int:pk>/note/', parameter: 'note', in: 'form', request: expect.stringContaining("'http://localhost:8000/products/1/note/'") });
    expect(proofAt('app/storefront.py', 35, 'KR112')?.request).toBe("curl -G 'http://localhost:5000/exports/download' --data-urlencode $'name=x\\r\\nSet-Cookie: session=attacker'");
  });
  it('no proof without a route or a parameter (a stack trace has no payload)', () => {
    expect(report.findings.find((f) => f.ruleId === 'KR114')?.proof).toBeUndefined();
    expect(report.findings.filter((f) => f.proof && !f.trace)).toEqual([]);
  });
  it('Markdown, HTML and SARIF show it', async () => {
    const sarif = JSON.parse((await writeReport(report, { format: 'sarif', color: false, lookupRule: ruleMeta }))!);
    const proofs = sarif.runs[0].results.map((x: { properties: { proofOfConcept?: unknown } }) => x.properties.proofOfConcept).filter(Boolean);
    expect(proofs).toContainEqual(expect.objectContaining({ method: 'GET', path: '/customers', parameter: 'city', in: 'query' }));
    const html = (await writeReport(report, { format: 'html', color: false, lookupRule: ruleMeta }))!;
    expect(html).toContain('Impact and proof of concept');
  });
});

describe('attachProofs', () => {
  const route: Route = {
    kind: 'http', framework: 'fastapi', path: '/items/{item_id}', methods: ['PUT'], handler: 'update', location: { path: 'api.py', line: 10 },
    auth: 'none', authBy: [], validation: 'unvalidated', validatedBy: [], inputs: [], stateChanging: true, rateLimited: false, csrfExempt: false,
  };
  const loc = (line: number) => ({ path: 'api.py', startLine: line, startColumn: 0, endLine: line, endColumn: 1 });
  const finding = (trace: Finding['trace'], cwe = [89]): Finding => ({
    ruleId: 'KR101', ruleName: 'x', category: 'injection', severity: 'high', confidence: 'high', cwe, message: 'm', location: loc(13), snippet: '', fingerprint: 'f', trace,
  });
  it('a JSON body field, and a path parameter of the handler', () => {
    const a = finding([
      { kind: 'source', location: loc(12), message: 'request.json (source: HTTP request data)' },
      { kind: 'step', location: loc(12), message: 'q = request.json.get("q")' },
      { kind: 'sink', location: loc(13), message: 'db.execute(q) (sink: a SQL query)' },
    ]);
    const b = finding([
      { kind: 'source', location: loc(11), message: "parameter 'item_id' of route handler update() (source: HTTP request data)" },
      { kind: 'sink', location: loc(13), message: 'open(item_id) (sink: a file path)' },
    ], [22]);
    const c = finding([{ kind: 'source', location: loc(5), message: 'request.json (source)' }, { kind: 'sink', location: loc(6), message: 'x (sink: a SQL query)' }]);
    attachProofs([a, b, c], [route]);
    expect(a.proof).toMatchObject({ method: 'PUT', in: 'json', request: `curl -X PUT 'http://localhost:8000/items/1' -H 'Content-Type: application/json' -d '{"q":"'\\'' OR '\\''1'\\''='\\''1'\\'' -- "}'` });
    expect(b.proof).toMatchObject({ method: 'PUT', in: 'path', parameter: 'item_id', request: "curl -X PUT 'http://localhost:8000/items/..%2F..%2F..%2F..%2Fetc%2Fpasswd'" });
    expect(c.proof).toBeUndefined(); // the source lies above every route of the file
  });
});
