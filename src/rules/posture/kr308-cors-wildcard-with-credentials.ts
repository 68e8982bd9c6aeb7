import { defineRule } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';
import { strList } from '../../python/helpers.js';
import { isTrue } from './common.js';

/** KR308: CORS that allows every origin together with credentials. */
export const corsWildcardWithCredentials = defineRule({
  id: 'KR308',
  name: 'cors-wildcard-with-credentials',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [942],
  docs: {
    what: "Flags Starlette/FastAPI `CORSMiddleware` with `allow_origins=['*']` (or `allow_origin_regex='.*'`) and `allow_credentials=True`, and flask-cors `CORS(app, origins='*', supports_credentials=True)`.",
    why: "Browsers refuse `*` with credentials, so these middlewares reflect the caller's Origin instead: every website can then make authenticated requests with the user's cookies and read the answers (CWE-942 permissive cross-domain policy).",
    example: 'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)',
    instead: 'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)',
    references: ['https://cwe.mitre.org/data/definitions/942.html', 'https://fastapi.tiangolo.com/tutorial/cors/', 'https://flask-cors.readthedocs.io/en/latest/api.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      const seg = q.split('.').pop();
      const isStarlette = seg === 'add_middleware' && node.args[0] && /CORSMiddleware$/.test(ctx.qualifiedName(node.args[0]) ?? '');
      const isStarletteCtor = /(^|\.)CORSMiddleware$/.test(q) || (seg === 'Middleware' && node.args[0] && /CORSMiddleware$/.test(ctx.qualifiedName(node.args[0]) ?? ''));
      const isFlaskCors = q === 'flask_cors.CORS' || q === 'flask_cors.cross_origin';
      if (!isStarlette && !isStarletteCtor && !isFlaskCors) return;
      const wild = (name: string) => {
        const k = keywordArg(node, name);
        if (!k) return false;
        const l = strList(k.value);
        return !!l && l.some((o) => o === '*' || o === '.*');
      };
      const creds = isFlaskCors ? keywordArg(node, 'supports_credentials') : keywordArg(node, 'allow_credentials');
      const anyOrigin = isFlaskCors ? wild('origins') || !keywordArg(node, 'origins') && !keywordArg(node, 'resources') : wild('allow_origins') || wild('allow_origin_regex');
      if (creds && isTrue(ctx, creds.value) && anyOrigin) {
        ctx.report(node, { message: 'CORS allows any origin together with credentials: every website can make authenticated requests and read the responses.', fix: 'List the trusted origins explicitly, or drop allow_credentials.' });
      }
    },
  },
});
