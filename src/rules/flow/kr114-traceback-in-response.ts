import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR114: data-flow rule (see src/taint/). */
export const tracebackInResponse = defineRule({
  id: 'KR114',
  name: 'traceback-in-response',
  category: 'error-handling',
  severity: 'medium',
  confidence: 'high',
  cwe: [209],
  docs: {
    what: "Follows `traceback.format_exc()` and friends into HTTP responses: `jsonify()`, `make_response()`, `HttpResponse`/`JsonResponse`, `HTTPException(detail=...)`, and values returned by route or error handlers.",
    why: "Stack traces show file paths, library versions, SQL and sometimes secrets: a map for the next attack (CWE-209).",
    example: "except Exception:\n    return jsonify(error=traceback.format_exc()), 500",
    instead: "except Exception:\n    app.logger.exception(\"checkout failed\")\n    return jsonify(error=\"internal error\"), 500",
    references: ["https://cwe.mitre.org/data/definitions/209.html", "https://owasp.org/www-community/Improper_Error_Handling"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} are sent to the client in \`${sink}\`: log the traceback server-side and return a generic message.`);
    },
  },
});
