import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { dotted, lastSegment } from '../../python/helpers.js';
import { children } from '../../python/visit.js';

/** Functions of a login, sign-up check or password-reset flow (by name or route path). */
const AUTH_FLOW_NAME = /(^|_)(login|log_in|signin|sign_in|authenticate|auth|reset|forgot|forgotten|recover|recovery|password|passwd|token|session)(_|$)|^(login|signin|authenticate)/i;
const AUTH_FLOW_PATH = /login|log-in|signin|sign-in|auth|reset|forgot|recover|password|token|session/i;

/** A message that says the account does not exist. */
const UNKNOWN_USER = /\b(?:user(?:name)?|account|e-?mail(?: address)?|login|member)\b[^.!?]{0,30}?\b(?:not found|does ?n[o']t exist|do(?:es)? not exist|not exist|unknown|not registered|is not registered|no such|not recogni[sz]ed)|\b(?:no|unknown|unregistered)\s+(?:such\s+)?(?:user(?:name)?|account|e-?mail)\b|\bnot (?:a )?registered\b/i;
/** A message that says the password (only) was wrong. */
const WRONG_PASSWORD = /\b(?:wrong|incorrect|invalid|bad)\s+password\b|\bpassword\s+(?:is\s+)?(?:wrong|incorrect|invalid|does ?n[o']t match|mismatch)/i;

const RESPONSE_CALLS = new Set(['flash', 'abort', 'jsonify', 'make_response', 'HTTPException', 'JSONResponse', 'Response', 'HttpResponse', 'JsonResponse', 'PlainTextResponse', 'ValidationError', 'AuthenticationFailed', 'NotFound', 'error', 'render_template', 'render']);

/** String constants of `fn` that reach the client: in return/raise statements and response-building calls. */
function answers(fn: A.FunctionDef): { text: string; node: A.Constant }[] {
  const out: { text: string; node: A.Constant }[] = [];
  const visit = (n: A.AnyNode, answering: boolean): void => {
    if (n !== fn && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef' || n.type === 'Lambda')) return;
    let a = answering || n.type === 'Return' || n.type === 'Raise';
    if (n.type === 'Call' && RESPONSE_CALLS.has(lastSegment(dotted(n.func)))) a = true;
    if (a && n.type === 'Constant' && typeof n.value === 'string') out.push({ text: n.value, node: n });
    if (a && n.type === 'JoinedStr') {
      const text = n.values.map((v) => (v.type === 'Constant' ? String(v.value) : '{}')).join('');
      out.push({ text, node: n as unknown as A.Constant });
      return;
    }
    for (const c of children(n)) visit(c, a);
  };
  visit(fn, false);
  return out;
}

/** Route paths given to the function's decorators (`@app.post("/login")`). */
function decoratorPaths(fn: A.FunctionDef): string {
  const out: string[] = [];
  for (const d of fn.decorator_list) if (d.type === 'Call') for (const a of d.args) if (a.type === 'Constant' && typeof a.value === 'string') out.push(a.value);
  return out.join(' ');
}

function check(fn: A.FunctionDef, ctx: RuleContext): void {
  if (!AUTH_FLOW_NAME.test(fn.name) && !AUTH_FLOW_PATH.test(decoratorPaths(fn))) return;
  const said = answers(fn);
  const unknown = said.filter((s) => UNKNOWN_USER.test(s.text));
  if (!unknown.length) return;
  const wrong = said.some((s) => WRONG_PASSWORD.test(s.text));
  for (const u of unknown) {
    const shown = u.text.length > 60 ? u.text.slice(0, 57) + '…' : u.text;
    ctx.report(u.node, {
      confidence: wrong ? 'high' : 'medium',
      message: wrong
        ? `'${fn.name}' answers "${shown}" for an unknown account and another message for a wrong password: anyone can test which accounts exist (user enumeration).`
        : `'${fn.name}' answers "${shown}" when the account does not exist: anyone can test which accounts exist (user enumeration).`,
      fix: 'Give one answer whatever failed: "Invalid username or password" for a login; "If an account exists for this address, we sent a link" for a reset (same status code and, ideally, same timing).',
    });
  }
}

/** KR317: login or password-reset flows that tell an unknown account from a wrong password. */
export const userEnumeration = defineRule({
  id: 'KR317',
  name: 'user-enumeration',
  category: 'auth',
  severity: 'medium',
  confidence: 'medium',
  cwe: [204, 203],
  docs: {
    what: 'Flags login, token and password-reset functions (by name or route path) whose answers — returned or raised strings, `flash()`, `abort()`, `jsonify()`, `HTTPException(detail=…)` — say that the account does not exist ("user not found", "no account with that email", "unknown user"). Confidence is high when the same function also answers "wrong password".',
    why: 'When the answer for an unknown account differs from the one for a wrong password, anyone can test a list of e-mail addresses or usernames and learn which have accounts: the first half of credential stuffing and targeted phishing, and a privacy leak in itself (CWE-204 observable response discrepancy, CWE-203 observable discrepancy).',
    example: 'user = User.query.filter_by(email=email).first()\nif user is None:\n    return jsonify(error="User not found"), 404\nif not user.check_password(password):\n    return jsonify(error="Wrong password"), 401',
    instead: 'user = User.query.filter_by(email=email).first()\nif user is None or not user.check_password(password):\n    return jsonify(error="Invalid email or password"), 401',
    references: ['https://cwe.mitre.org/data/definitions/204.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-and-error-messages', 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html'],
  },
  visit: {
    FunctionDef: check,
    AsyncFunctionDef: check,
  },
});
