/**
 * KR309: a web application (Flask, Django, FastAPI/Starlette) with no Content-Security-Policy
 * — and no other browser security headers — set anywhere in the project. A project-level
 * check: one file cannot tell, since the header may come from middleware, an extension or
 * a settings module anywhere in the code.
 */
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Route } from './types.js';
import { postureFinding } from './rules.js';

export const MISSING_SECURITY_HEADERS: RuleMeta = {
  id: 'KR309', name: 'missing-security-headers', category: 'config', severity: 'medium', confidence: 'medium', cwe: [693, 1021],
  docs: {
    what: 'Flags a Flask, Django or FastAPI/Starlette project (one with HTTP routes) in which no Python file sets a Content-Security-Policy: no flask-talisman, django-csp or Django 6 `SECURE_CSP`/CSP middleware, no `secure`/`secweb` middleware, no `Content-Security-Policy` header written by hand. The message also names the other browser headers nothing sets (`X-Frame-Options` or CSP `frame-ancestors`, `X-Content-Type-Options`; Django\'s SecurityMiddleware and XFrameOptionsMiddleware count). FastAPI and Starlette apps are reported at low severity: most serve JSON, where CSP matters less.',
    why: 'Without a Content-Security-Policy, one HTML-injection bug becomes script execution in every visitor\'s session; without `frame-ancestors`/`X-Frame-Options` any site can frame yours and trick users into clicking (clickjacking); without `nosniff` browsers may run an uploaded file as script. These headers are the protection layer that turns an XSS into a blocked request (CWE-693 protection mechanism failure, CWE-1021 improper restriction of rendered UI layers).',
    example: 'app = Flask(__name__)\n# no Talisman, no after_request setting Content-Security-Policy',
    instead: 'from flask_talisman import Talisman\nTalisman(app, content_security_policy={"default-src": "\'self\'"})\n# Django: django-csp (CSP_DEFAULT_SRC) or Django 6 SECURE_CSP; FastAPI: a middleware that sets\n# response.headers["Content-Security-Policy"] = "default-src \'self\'"',
    references: ['https://cwe.mitre.org/data/definitions/693.html', 'https://cwe.mitre.org/data/definitions/1021.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html', 'https://github.com/wntrblm/flask-talisman', 'https://django-csp.readthedocs.io/', 'https://owasp.org/www-project-secure-headers/'],
  },
};

/** Signs, in Python source, that something sets each header. */
const SIGNS: { header: string; re: RegExp }[] = [
  { header: 'Content-Security-Policy', re: /Content-Security-Policy|flask_talisman|\bTalisman\s*\(|\bCSP_[A-Z_]+\s*=|SECURE_CSP|\bcsp\.middleware|ContentSecurityPolicyMiddleware|\bsecure\.(?:Secure|ContentSecurityPolicy)\b|\bsecweb\b|SecWeb\s*\(/ },
  { header: 'X-Frame-Options', re: /X-Frame-Options|frame-ancestors|XFrameOptionsMiddleware|flask_talisman|\bTalisman\s*\(|\bsecure\.Secure\b|\bsecweb\b|SecWeb\s*\(/i },
  { header: 'X-Content-Type-Options', re: /X-Content-Type-Options|nosniff|django\.middleware\.security\.SecurityMiddleware|flask_talisman|\bTalisman\s*\(|\bsecure\.Secure\b|\bsecweb\b|SecWeb\s*\(/i },
];

/** Collects, file by file, which headers the project sets; then reports per framework. */
export class SecurityHeaderCheck {
  private readonly set = new Set<string>();

  /** Read one Python file's text. */
  add(text: string): void {
    if (this.set.size === SIGNS.length) return;
    for (const s of SIGNS) if (!this.set.has(s.header) && s.re.test(text)) this.set.add(s.header);
  }

  /** One finding per web framework with routes, at its first route, when a header is set nowhere. */
  report(routes: readonly Route[], findings: Finding[]): void {
    const missing = SIGNS.map((s) => s.header).filter((h) => !this.set.has(h));
    if (!missing.length) return;
    const byFramework = new Map<string, Route>();
    for (const r of routes) {
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
      findings.push(postureFinding(MISSING_SECURITY_HEADERS, r.location.path, [], r.location.line, message, {
        severity: fw === 'fastapi' || !csp ? 'low' : 'medium',
        fix: fw === 'flask' ? 'Talisman(app, content_security_policy={"default-src": "\'self\'"})  # flask-talisman'
          : fw === 'django' ? 'Install django-csp (MIDDLEWARE += ["csp.middleware.CSPMiddleware"], CSP_DEFAULT_SRC = ("\'self\'",)) or set SECURE_CSP (Django 6).'
          : '@app.middleware("http") adding response.headers["Content-Security-Policy"] = "default-src \'self\'" (and X-Frame-Options, X-Content-Type-Options)',
        properties: { missingHeaders: missing },
      }));
    }
  }
}
