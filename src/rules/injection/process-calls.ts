/**
 * The process-starting functions of bandit's `injection_shell` plugin (its default
 * configuration: `subprocess`, `shell`, `no_shell`), shared by B602–B607.
 */
import type * as A from '../../python/ast.js';
import { isStr } from '../../python/calls.js';

export const SUBPROCESS_FUNCTIONS = [
  'subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run',
];
export const SHELL_FUNCTIONS = [
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'popen2.popen2', 'popen2.popen3', 'popen2.popen4',
  'popen2.Popen3', 'popen2.Popen4', 'commands.getoutput', 'commands.getstatusoutput', 'subprocess.getoutput',
  'subprocess.getstatusoutput',
];
export const NO_SHELL_FUNCTIONS = [
  'os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.spawnl',
  'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe', 'os.startfile',
];

/** Default options shared by the shell rules (bandit's plugin config keys). */
export const SHELL_OPTIONS = { subprocess: SUBPROCESS_FUNCTIONS, shell: SHELL_FUNCTIONS, no_shell: NO_SHELL_FUNCTIONS };

/** bandit's `_evaluate_shell_call`: a literal command is 'low' risk, anything computed 'high'. */
export function shellCallRisk(call: A.Call): 'low' | 'high' {
  return isStr(call.args[0]) ? 'low' : 'high';
}
