import { defineRule } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';

/** B612, as bandit's `logging_config_insecure_listen`: `logging.config.listen()` without `verify=`. */
export const loggingConfigInsecureListen = defineRule({
  id: 'B612',
  name: 'logging-config-insecure-listen',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [94],
  docs: {
    what: 'Flags `logging.config.listen()` calls without a `verify` function.',
    why: 'The listener accepts logging configurations from the network and applies them; a configuration can name arbitrary callables, so anyone who reaches the port runs code in the process (CWE-94).',
    example: 't = logging.config.listen(9999)',
    instead: 't = logging.config.listen(9999, verify=check_signature)',
    references: [
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://docs.python.org/3/library/logging.config.html#logging.config.listen',
      'https://bandit.readthedocs.io/en/latest/plugins/b612_logging_config_insecure_listen.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (ctx.callName(node) !== 'logging.config.listen' || keywordArg(node, 'verify')) return;
      ctx.report(node, {
        message: 'Use of insecure logging.config.listen detected.',
        fix: 'Pass verify= a function that checks a signature (hmac) or decrypts the payload, and bind the listener to localhost.',
      });
    },
  },
});
