/** The posture code rules (KR3xx), in id order; spread into `CODE_RULES` by `rules/index.ts`. */
import type { CodeRule } from '../../core/rule.js';
import { djangoDebugTrue } from './kr301-django-debug-true.js';
import { djangoAllowedHostsWildcard } from './kr302-django-allowed-hosts-wildcard.js';
import { hardcodedFrameworkSecretKey } from './kr303-hardcoded-framework-secret-key.js';
import { djangoMissingSecuritySettings } from './kr304-django-missing-security-settings.js';
import { djangoCsrfMiddlewareMissing } from './kr305-django-csrf-middleware-missing.js';
import { debugModeInAppConfig } from './kr306-debug-mode-in-app-config.js';
import { insecureSessionCookieConfig } from './kr307-insecure-session-cookie-config.js';
import { corsWildcardWithCredentials } from './kr308-cors-wildcard-with-credentials.js';
import { stateChangingRouteWithoutAuth } from './kr310-state-changing-route-without-auth.js';
import { adminRouteWithoutRoleCheck } from './kr311-admin-route-without-role-check.js';
import { idorLookupWithoutOwnerCheck } from './kr312-idor-lookup-without-owner-check.js';
import { loginRouteWithoutRateLimit } from './kr313-login-route-without-rate-limit.js';
import { csrfExemptView } from './kr314-csrf-exempt-view.js';
import { routeInputNotValidated } from './kr315-route-input-not-validated.js';
import { uploadWithoutTypeCheck } from './kr316-upload-without-type-check.js';
import { userEnumeration } from './kr317-user-enumeration.js';
import { exceptionDetailsInResponse } from './kr320-exception-details-in-response.js';
import { broadExceptSwallowsError } from './kr321-broad-except-swallows-error.js';
import { sensitiveDataInLog } from './kr322-sensitive-data-in-log.js';
import { authEventNotLogged } from './kr323-auth-event-not-logged.js';
import { checkThenUseFile } from './kr325-check-then-use-file.js';
import { readModifyWriteWithoutLock } from './kr326-read-modify-write-without-lock.js';
import { llmPromptFromUserInput } from './kr330-llm-prompt-from-user-input.js';
import { llmOutputToDangerousSink } from './kr331-llm-output-to-dangerous-sink.js';
import { llmCallWithoutLimits } from './kr332-llm-call-without-limits.js';
import { llmToolRunsCommands } from './kr333-llm-tool-runs-commands.js';
import { llmPromptPersonalData } from './kr334-llm-prompt-personal-data.js';

export const POSTURE_CODE_RULES: readonly CodeRule[] = [
  djangoDebugTrue,
  djangoAllowedHostsWildcard,
  hardcodedFrameworkSecretKey,
  djangoMissingSecuritySettings,
  djangoCsrfMiddlewareMissing,
  debugModeInAppConfig,
  insecureSessionCookieConfig,
  corsWildcardWithCredentials,
  stateChangingRouteWithoutAuth,
  adminRouteWithoutRoleCheck,
  idorLookupWithoutOwnerCheck,
  loginRouteWithoutRateLimit,
  csrfExemptView,
  routeInputNotValidated,
  uploadWithoutTypeCheck,
  userEnumeration,
  exceptionDetailsInResponse,
  broadExceptSwallowsError,
  sensitiveDataInLog,
  authEventNotLogged,
  checkThenUseFile,
  readModifyWriteWithoutLock,
  llmPromptFromUserInput,
  llmOutputToDangerousSink,
  llmCallWithoutLimits,
  llmToolRunsCommands,
  llmPromptPersonalData,
];
