import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted, lastSegment } from '../../python/helpers.js';

const RESPONSE = /^(jsonify|make_response|Response|JsonResponse|HttpResponse|HttpResponseBadRequest|HttpResponseServerError|JSONResponse|PlainTextResponse|HTMLResponse|HTTPException|json_response|abort)$/;

/** True when `e` uses the caught exception `name` as text: `str(e)`, `f"{e}"`, `repr(e)`, `e.args`, `"%s" % e`, `e` itself. */
function usesException(e: A.AnyNode, name: string): boolean {
  let hit = false;
  walk(e, (n) => {
    if (hit) return false;
    // `err.messages` / `err.errors()` (validation errors meant for the client) are fine; `str(e)`, `f"{e}"`, `e.args` are not.
    if (n.type === 'Name' && n.id === name && (n.parent?.type !== 'Attribute' || /^(args|message|msg|strerror|filename|orig|__str__)$/.test(n.parent.attr))) hit = true;
    return undefined;
  });
  return hit;
}

/** KR320: the caught exception's text is sent back to the client. */
export const exceptionDetailsInResponse = defineRule({
  id: 'KR320',
  name: 'exception-details-in-response',
  category: 'error-handling',
  severity: 'medium',
  confidence: 'medium',
  cwe: [209],
  docs: {
    what: "Flags an `except ... as e` block that returns or raises an HTTP response built from the exception (`jsonify(error=str(e))`, `HTTPException(detail=str(e))`, `return {'error': f'{e}'}`, `JsonResponse({'error': repr(e)})`). Full tracebacks (`traceback.format_exc()`) in responses are the data-flow rules' business.",
    why: 'Exception messages carry SQL fragments, file paths, host names, library versions and sometimes secrets; sent to the client they help an attacker map the system (CWE-209 error message containing sensitive information).',
    example: 'except Exception as exc:\n    return jsonify(error=str(exc)), 400',
    instead: 'except ValueError:\n    log.exception("import failed")\n    return jsonify(error="could not import the file"), 400',
    references: ['https://cwe.mitre.org/data/definitions/209.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html'],
  },
  visit: {
    ExceptHandler(node, ctx) {
      const name = node.name;
      if (!name) return;
      for (const s of node.body) {
        walk(s, (n) => {
          if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda') return false;
          let value: A.Expr | null = null;
          if (n.type === 'Return') value = n.value;
          else if (n.type === 'Raise') value = n.exc;
          else if (n.type === 'Expr' && n.value.type === 'Call' && lastSegment(dotted(n.value.func)) === 'abort') value = n.value;
          if (!value) return undefined;
          const isResponse = (value.type === 'Call' && RESPONSE.test(lastSegment(dotted(value.func)))) || value.type === 'Dict' || value.type === 'Tuple';
          if (!isResponse) return undefined;
          const parts: A.AnyNode[] = value.type === 'Call' ? [...value.args, ...value.keywords] : value.type === 'Tuple' ? value.elts : [value];
          if (parts.some((p) => usesException(p, name) && !(p.type === 'Name' && p.id === name && n.type === 'Raise'))) {
            if (value.type === 'Call' && lastSegment(dotted(value.func)) === 'HTTPException' && n.type === 'Raise' && value.args.length === 0 && value.keywords.every((k) => k.arg !== 'detail')) return undefined;
            ctx.report(n, { message: `The text of the caught exception (${name}) is sent to the client.`, fix: 'Log the exception (log.exception(...)) and return a generic message with an error id.' });
          }
          return false;
        });
      }
    },
  },
});
