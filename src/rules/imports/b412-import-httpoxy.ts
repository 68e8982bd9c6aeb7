import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B412 (bandit `import_httpoxy`, import blacklist): Flags imports of CGI handlers open to httpoxy: `wsgiref.handlers.CGIHandler`, `twisted.web.twcgi.CGIScript` and `CGIDirectory`. */
export const importHttpoxy = defineRule({
  id: 'B412',
  name: 'import-httpoxy',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [284],
  docs: {
    what: 'Flags imports of CGI handlers open to httpoxy: `wsgiref.handlers.CGIHandler`, `twisted.web.twcgi.CGIScript` and `CGIDirectory`.',
    why: 'Under CGI the client\'s `Proxy:` header becomes the `HTTP_PROXY` environment variable, so outgoing requests of the application can be sent through an attacker\'s proxy (httpoxy, CWE-284).',
    example: 'from wsgiref.handlers import CGIHandler',
    instead: 'from waitress import serve  # a WSGI server, not CGI',
    references: [
      'https://cwe.mitre.org/data/definitions/284.html',
      'https://httpoxy.org/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b412-import-httpoxy',
    ],
  },
  visit: importBlacklistVisitor('B412', 'Do not run the application under CGI; if you must, strip the Proxy header / HTTP_PROXY before any outgoing request.'),
});
