/**
 * KR309 missing-security-headers: a Flask, Django or FastAPI/Starlette project in which no Python file
 * sets a Content-Security-Policy (or another browser security header): one finding per web
 * framework with routes, at its first route.
 */
import { defineProjectRule, type ProjectRule } from '../../core/rule.js';
import type { PostureFacts, Route } from '../../posture/index.js';
import { projectFinding } from './finding.js';

export const missingSecurityHeaders: ProjectRule<PostureFacts> = defineProjectRule<PostureFacts>({
  id: 'KR309', name: 'missing-security-headers', category: 'config', severity: 'medium', confidence: 'medium', cwe: [693, 1021],
  docs: {
    what: 'Flags a Flask, Django or FastAPI/Starlette project (one with HTTP routes) in which no Python file sets a Content-Security-Policy: no flask-talisman, django-csp or Django 6 `SECURE_CSP`/CSP middleware, no `secure`/`secweb` middleware, no `Content-Security-Policy` header written by hand. The message also names the other browser headers nothing sets (`X-Frame-Options` or CSP `frame-ancestors`, `X-Content-Type-Options`; Django\'s SecurityMiddleware and XFrameOptionsMiddleware count). FastAPI and Starlette apps are reported at low severity: most serve JSON, where CSP matters less.',
    why: 'Without a Content-Security-Policy, one HTML-injection bug becomes script execution in every visitor\'s session; without `frame-ancestors`/`X-Frame-Options` any site can frame yours and trick users into clicking (clickjacking); without `nosniff` browsers may run an uploaded file as script. These headers are the protection layer that turns an XSS into a blocked request (CWE-693 protection mechanism failure, CWE-1021 improper restriction of rendered UI layers).',
    example: 'app = Flask(__name__)\n# no Talisman, no after_request setting Content-Security-Policy',
    instead: 'from flask_talisman import Talisman\nTalisman(app, content_security_policy={"default-src": "\'self\'"})\n# Django: django-csp (CSP_DEFAULT_SRC) or Django 6 SECURE_CSP; FastAPI: a middleware that sets\n# response.headers["Content-Security-Policy"] = "default-src \'self\'"',
    references: ['https://cwe.mitre.org/data/definitions/693.html', 'https://cwe.mitre.org/data/definitions/1021.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html', 'https://github.com/wntrblm/flask-talisman', 'https://django-csp.readthedocs.io/', 'https://owasp.org/www-project-secure-headers/'],
  },
  check(facts, ctx) {
    const rule = missingSecurityHeaders;
    const missing = facts.missingSecurityHeaders;
    if (!missing.length) return;
    const byFramework = new Map<string, Route>();
    for (const r of facts.routes) {
      if (r.kind !== 'http') continue;
      const fw = r.framework === 'drf' ? 'django' : r.framework === 'starlette' ? 'fastapi' : r.framework;
      if ((fw === 'flask' || fw === 'django' || fw === 'fastapi') && !byFramework.has(fw)) byFramework.set(fw, r);
    }
    for (const [fw, r] of byFramework) {
      const csp = missing.includes('Content-Security-Policy');
      const others = missing.filter((h) => h !== 'Content-Security-Policy');
      const message = csp
        ? `No Content-Security-Policy is set anywhere in this ${fw} project${others.length ? ` (nor ${others.join(', ')})` : ''}: an HTML injection runs script in users' sessions.`
        : `No ${others.join(' or ')} header is set anywhere in this ${fw} project.`;
      ctx.report(projectFinding(rule, r.location.path, [], r.location.line, message, {
        severity: fw === 'fastapi' || !csp ? 'low' : 'medium',
        fix: fw === 'flask' ? 'Talisman(app, content_security_policy={"default-src": "\'self\'"})  # flask-talisman'
          : fw === 'django' ? 'Install django-csp (MIDDLEWARE += ["csp.middleware.CSPMiddleware"], CSP_DEFAULT_SRC = ("\'self\'",)) or set SECURE_CSP (Django 6).'
          : '@app.middleware("http") adding response.headers["Content-Security-Policy"] = "default-src \'self\'" (and X-Frame-Options, X-Content-Type-Options)',
        properties: { missingHeaders: missing },
      }));
    }
  },
});
