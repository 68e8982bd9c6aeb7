import { defineRule } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';
import { flaskConfigCollector, isDevSettingsPath, isTrue } from './common.js';

const flask = flaskConfigCollector((ctx) => (ctx.semantic.importsModule('flask', 'quart') || /config/i.test(ctx.path)) && !isDevSettingsPath(ctx.path));

/** KR306: Flask config DEBUG, FastAPI/Starlette debug=True: tracebacks served to clients. */
export const debugModeInAppConfig = defineRule({
  id: 'KR306',
  name: 'debug-mode-in-app-config',
  category: 'error-handling',
  severity: 'high',
  confidence: 'medium',
  cwe: [489, 209],
  docs: {
    what: "Flags debug mode turned on in application configuration: `app.config['DEBUG'] = True`, `app.debug = True`, `app.config.update(DEBUG=True)`, `DEBUG = True`/`PROPAGATE_EXCEPTIONS = True` in a Flask config class, and `FastAPI(debug=True)` / `Starlette(debug=True)`. (`app.run(debug=True)` is B201.)",
    why: "Debug mode answers errors with tracebacks and local values (Flask's Werkzeug debugger even runs code typed into the page); in production it discloses internals to any client (CWE-489, CWE-209).",
    example: 'app = FastAPI(debug=True)',
    instead: 'app = FastAPI(debug=os.environ.get("APP_ENV") == "development")',
    references: ['https://cwe.mitre.org/data/definitions/489.html', 'https://flask.palletsprojects.com/en/latest/config/#DEBUG', 'https://www.starlette.io/applications/'],
  },
  visit: {
    ClassDef: flask.visit.ClassDef,
    Assign: flask.visit.Assign,
    Call(node, ctx) {
      flask.visit.Call(node, ctx);
      const q = ctx.callName(node) ?? '';
      if (!/^(fastapi\.FastAPI|starlette\.applications\.Starlette|starlette\.Starlette)$/.test(q)) return;
      const k = keywordArg(node, 'debug');
      if (k && isTrue(ctx, k.value)) ctx.report(node, { node: k, message: `${q.split('.').pop()}(debug=True) returns tracebacks to clients on errors.`, fix: 'debug=os.environ.get("APP_ENV") == "development"' });
    },
    'Module:exit'(_module, ctx) {
      if (!ctx.semantic.importsModule('flask', 'quart') && !/config/i.test(ctx.path)) return;
      if (isDevSettingsPath(ctx.path)) return;
      for (const { key, value, node } of flask.writes(ctx)) {
        if ((key === 'DEBUG' || key === 'PROPAGATE_EXCEPTIONS') && isTrue(ctx, value)) {
          const parent = node.parent;
          if (parent && parent.type === 'ClassDef' && /dev|test|local/i.test(parent.name)) continue;
          ctx.report(node, { message: `${key} = True in the Flask configuration: errors are shown to clients with tracebacks.`, fix: `${key} = os.environ.get("FLASK_DEBUG") == "1"` });
        }
      }
    },
  },
});
