import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'log', 'fatal']);
const SENSITIVE = /^(?:.*_)?(?:password|passwd|pwd|passphrase|secret|client_secret|token|access_token|refresh_token|id_token|auth_token|api_?key|apikey|access_key|secret_key|private_key|credentials?|authorization|auth_header|ssn|card_number|cc_number|cvv|otp)$/i;
const MASKERS = /mask|redact|hash|len|bool|type|censor|obfuscat|sanitiz|truncate|fingerprint|isinstance/i;

function isLogger(e: A.Expr, q: string | null): boolean {
  if (q && (q === 'logging' || q.startsWith('logging.'))) return true;
  const last = e.type === 'Name' ? e.id : e.type === 'Attribute' ? e.attr : e.type === 'Call' && e.func.type === 'Attribute' ? e.func.attr : '';
  return /^(?:_?log|_?logger|LOG|LOGGER|logging|getLogger|log_)$/i.test(last) || /logger$/i.test(last);
}

/** KR133: passwords, tokens and keys written to logs. */
export const sensitiveDataLogged = defineRule({
  id: 'KR133',
  name: 'sensitive-data-logged',
  category: 'error-handling',
  severity: 'medium',
  confidence: 'medium',
  cwe: [532],
  docs: {
    what: 'Flags `logging` calls (and `logger`/`log` objects) whose message or arguments include a variable or attribute named like a password, secret, token, API key, private key, credential or card number, unless it is passed through a masking function.',
    why: 'Logs are copied to aggregators, tickets and backups and read by many more people than the database: a secret in a log line is a leaked secret (CWE-532).',
    example: 'logger.info("login %s with password %s", username, password)',
    instead: 'logger.info("login attempt for %s", username)',
    references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
  },
  visit: {
    Call(node, ctx) {
      const f = node.func;
      if (f.type !== 'Attribute' || !LOG_METHODS.has(f.attr) || !isLogger(f.value, ctx.qualifiedName(f.value))) return;
      let hit: string | undefined;
      for (const a of [...node.args, ...node.keywords.filter((k) => k.arg !== 'exc_info' && k.arg !== 'extra').map((k) => k.value)]) {
        walk(a, (n) => {
          if (hit) return false;
          if (n.type === 'Call') {
            const name = n.func.type === 'Name' ? n.func.id : n.func.type === 'Attribute' ? n.func.attr : '';
            if (MASKERS.test(name)) return false;
          }
          if (n.type === 'Compare') return false;
          // `token.tok_name[...]`: a name used as a receiver (often a module) is not the value logged.
          if (n.type === 'Name' && (n.parent?.type === 'Attribute' || ctx.semantic.lookup(n.id, n)?.kind === 'import')) return true;
          const id = n.type === 'Name' ? n.id : n.type === 'Attribute' ? n.attr : undefined;
          if (id && SENSITIVE.test(id)) hit = id;
          return true;
        });
        if (hit) break;
      }
      if (!hit) return;
      ctx.report(node, { message: `'${hit}' is written to the log: leave secrets out of log messages (or log a masked form).` });
    },
  },
});
