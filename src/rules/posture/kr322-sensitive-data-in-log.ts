import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted } from '../../python/helpers.js';

const LOG_METHODS = /^(debug|info|warning|warn|error|exception|critical|log)$/;
/**
 * Session identifiers, Authorization headers, cookies and whole header maps. Names of
 * passwords, secrets, tokens, API keys and card numbers are KR133's (sensitive-data-logged);
 * this rule covers what a name check does not see: header and cookie reads by key.
 */
const SENSITIVE_NAME = /(^|_)(session_?id|sessionid|session_key|authorization|auth_header|bearer|cookie|cookies|csrftoken|ssn)($|_)/i;

function sensitiveIn(arg: A.Expr): string | undefined {
  let found: string | undefined;
  walk(arg, (n) => {
    if (found) return false;
    if (n.type === 'Name' && SENSITIVE_NAME.test(n.id)) found = n.id;
    else if (n.type === 'Attribute' && SENSITIVE_NAME.test(n.attr)) found = dotted(n);
    else if (n.type === 'Call' && n.func.type === 'Attribute' && n.func.attr === 'get' && n.args[0]?.type === 'Constant' && typeof n.args[0].value === 'string' && SENSITIVE_NAME.test(n.args[0].value.replace(/-/g, '_'))) found = `${dotted(n.func.value)}.get('${n.args[0].value}')`;
    else if (n.type === 'Subscript' && n.slice.type === 'Constant' && typeof n.slice.value === 'string' && SENSITIVE_NAME.test(n.slice.value.replace(/-/g, '_'))) found = `${dotted(n.value)}['${n.slice.value}']`;
    else if (n.type === 'Attribute' && /^(headers|META|COOKIES|cookies)$/.test(n.attr) && n.parent?.type !== 'Subscript' && n.parent?.type !== 'Attribute' && !(n.parent?.type === 'Call' && n.parent.func === n)) found = dotted(n);
    return undefined;
  });
  return found;
}

/** KR322: session ids, Authorization headers and cookies written to logs. */
export const sensitiveDataInLog = defineRule({
  id: 'KR322',
  name: 'sensitive-data-in-log',
  category: 'error-handling',
  severity: 'medium',
  confidence: 'medium',
  cwe: [532],
  docs: {
    what: "Flags logging calls (`logger.info(...)`, `logging.warning(...)`, …) whose arguments hold a session id, an Authorization header, a cookie, or a whole header/cookie map (`request.headers.get('Authorization')`, `request.COOKIES.get('sessionid')`, `request.headers`). Variables named like passwords, tokens, secrets and API keys are KR133's.",
    why: 'Logs are copied to many systems and read by many people; a bearer token or session id in a log line lets anyone with log access act as the user (CWE-532 insertion of sensitive information into log file).',
    example: 'log.info("transfer by %s with token %s", user, request.headers.get("Authorization"))',
    instead: 'log.info("transfer by user %s", user.id)',
    references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
  },
  visit: {
    Call(node, ctx) {
      if (node.func.type !== 'Attribute' || !LOG_METHODS.test(node.func.attr)) return;
      const recv = dotted(node.func.value);
      const q = ctx.qualifiedName(node.func.value) ?? '';
      if (!/(^|\.)(log|logger|logging|_log|_logger|LOG|LOGGER|log_\w+|\w+_log|\w+_logger)$/.test(recv) && q !== 'logging') return;
      const args = [...node.args.slice(node.func.attr === 'log' ? 1 : 0), ...node.keywords.filter((k) => k.arg !== 'exc_info').map((k) => k.value)];
      for (const a of args) {
        const s = sensitiveIn(a);
        if (s) {
          ctx.report(node, { message: `A log call writes sensitive data (${s}).`, fix: 'Log an identifier (user id, request id) or a masked value, never the Authorization header, cookies or session id.' });
          return;
        }
      }
    },
  },
});
