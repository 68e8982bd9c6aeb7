/**
 * KR345 unbounded-request-body: a route that reads the whole request body with no size limit (Flask
 * routes are covered by a `MAX_CONTENT_LENGTH` set anywhere in the project).
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const unboundedRequestBody: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR345', name: 'unbounded-request-body', category: 'input-validation', severity: 'medium', confidence: 'medium', cwe: [770, 400],
  docs: {
    what: 'Flags routes that read the whole request body or uploads (`request.get_data()`, `request.data`, `request.files`, `await request.body()`) when the project sets no size limit (`MAX_CONTENT_LENGTH` for Flask) and the handler checks no length.',
    why: 'Without a limit one client can send gigabytes that the server buffers in memory or on disk, exhausting it for everyone (CWE-770 allocation of resources without limits).',
    example: 'raw = request.get_data()',
    instead: 'app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024  # 413 for larger bodies',
    references: ['https://cwe.mitre.org/data/definitions/770.html', 'https://flask.palletsprojects.com/en/latest/config/#MAX_CONTENT_LENGTH'],
  },
  check(facts, ctx) {
    const rule = unboundedRequestBody;
    for (const r of facts.routes) {
      if (r.kind !== 'http' || !r.unboundedRead) continue;
      if (facts.maxContentLength && r.framework === 'flask') continue;
      ctx.report(projectFinding(rule, r.location.path, [], r.location.line, `${r.path ?? r.handler} reads ${r.unboundedRead} with no size limit (no MAX_CONTENT_LENGTH, no length check).`, {
        fix: r.framework === 'flask' ? 'app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024' : 'Limit the body size at the proxy/server (e.g. client_max_body_size) and check Content-Length before reading.',
      }));
    }
  },
});
