/**
 * Every code rule, in one list. One rule per file, grouped by theme; this list is the
 * registry the engine, `krait rules` and `krait explain` read.
 */
import type { CodeRule } from '../engine/rule.js';
import { assertUsed } from './misc/b101-assert-used.js';
import { execUsed } from './injection/b102-exec-used.js';
import { hardcodedBindAllInterfaces } from './config/b104-hardcoded-bind-all-interfaces.js';
import { hardcodedPasswordString } from './credentials/b105-hardcoded-password-string.js';
import { hardcodedPasswordFuncarg } from './credentials/b106-hardcoded-password-funcarg.js';
import { hardcodedPasswordDefault } from './credentials/b107-hardcoded-password-default.js';
import { hardcodedTmpDirectory } from './misc/b108-hardcoded-tmp-directory.js';
import { tryExceptPass } from './errors/b110-try-except-pass.js';
import { requestWithoutTimeout } from './network/b113-request-without-timeout.js';
import { flaskDebugTrue } from './config/b201-flask-debug-true.js';
import { pickleUsage } from './deserialization/b301-pickle.js';
import { evalUsed } from './injection/b307-eval.js';
import { hashlibWeak } from './crypto/b324-hashlib.js';
import { requestWithNoCertValidation } from './network/b501-request-with-no-cert-validation.js';
import { yamlLoad } from './deserialization/b506-yaml-load.js';
import { subprocessPopenWithShellEqualsTrue } from './injection/b602-subprocess-popen-with-shell-equals-true.js';
import { subprocessWithoutShellEqualsTrue } from './injection/b603-subprocess-without-shell-equals-true.js';
import { startProcessWithAShell } from './injection/b605-start-process-with-a-shell.js';
import { startProcessWithPartialPath } from './injection/b607-start-process-with-partial-path.js';
import { hardcodedSqlExpressions } from './injection/b608-hardcoded-sql-expressions.js';
import { highCyclomaticComplexity } from './quality/kr801-high-cyclomatic-complexity.js';

export const CODE_RULES: readonly CodeRule[] = [
  assertUsed,
  execUsed,
  hardcodedBindAllInterfaces,
  hardcodedPasswordString,
  hardcodedPasswordFuncarg,
  hardcodedPasswordDefault,
  hardcodedTmpDirectory,
  tryExceptPass,
  requestWithoutTimeout,
  flaskDebugTrue,
  pickleUsage,
  evalUsed,
  hashlibWeak,
  requestWithNoCertValidation,
  yamlLoad,
  subprocessPopenWithShellEqualsTrue,
  subprocessWithoutShellEqualsTrue,
  startProcessWithAShell,
  startProcessWithPartialPath,
  hardcodedSqlExpressions,
  highCyclomaticComplexity,
];
