/**
 * bandit's test for names that say "password" (bandit/plugins/general_hardcoded_password.py):
 * `(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)` as the whole name or a `_`-delimited part.
 */
const WORDS = '(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)';
export const PASSWORD_NAME = new RegExp(`(?:^${WORDS}$|_${WORDS}_|^${WORDS}_|_${WORDS}$)`, 'i');

/** True when `name` looks like it holds a password, token or secret (bandit B105–B107). */
export function isPasswordName(name: string): boolean {
  return PASSWORD_NAME.test(name);
}
