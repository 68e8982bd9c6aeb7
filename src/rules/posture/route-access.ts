/** Route handlers of the file being checked, shared by the KR31x rules (cached per module). */
import type * as A from '../../python/ast.js';
import type { RuleContext } from '../../core/rule.js';
import { routeHandlers, type RouteHandler } from '../../posture/routes.js';

/** HTTP routes whose handler is visible in this file. */
export function httpHandlers(module: A.Module, ctx: RuleContext): RouteHandler[] {
  return routeHandlers(module, ctx.semantic, ctx.path).filter((h) => h.route.kind === 'http' && (h.fn || h.cls));
}

/** Login-like routes: sign-in, token issuing. */
export const LOGIN_PATH = /(^|[/_-])(login|log-in|signin|sign-in|sign_in|authenticate|auth\/token|token|session)s?(\/|$|[_-])/i;
export const LOGIN_HANDLER = /^(login|log_in|signin|sign_in|authenticate|token|obtain_token|create_session|api_login|user_login)$/i;
/** Routes that are public by design (sign-up, login, password reset, health checks). */
export const PUBLIC_ROUTE = /(login|logout|signin|signup|sign-up|sign_up|register|token|password[-_]?reset|forgot|health|ping|status|webhook|callback|oauth)/i;

export function isLoginRoute(h: RouteHandler): boolean {
  return LOGIN_PATH.test(h.route.path ?? '') || LOGIN_HANDLER.test(h.fn?.name ?? '');
}
