/**
 * The finding of a project rule (KR309, KR34x environment files, KR35x containers): at one
 * line of a file whose lines the facts give, with a masked snippet and a fingerprint of
 * rule, path, line text and message.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../core/finding.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { snippetAt } from '../../core/snippet.js';
import { maskSecret } from '../../core/mask.js';

/** What a project rule may set on one finding besides its place and message. */
export interface ProjectFindingOptions {
  fix?: string;
  /** A secret on the line: masked in the snippet and the fingerprint's text. */
  secret?: string;
  severity?: Finding['severity'];
  properties?: Record<string, unknown>;
}

/**
 * Build a finding of `rule` at `line` (1-based) of the file `path` whose lines are `lines`
 * (empty when the finding has no snippet); `opts.secret` is masked in the snippet.
 */
export function projectFinding(rule: RuleMeta, path: string, lines: readonly string[], line: number, message: string, opts: ProjectFindingOptions = {}): Finding {
  const l = Math.max(1, line);
  let snippet = lines.length ? snippetAt(lines, l, l) : '';
  if (opts.secret) snippet = snippet.split(opts.secret).join(maskSecret(opts.secret));
  const text = (lines[l - 1] ?? '').split(opts.secret ?? '\u0000').join(opts.secret ? maskSecret(opts.secret) : '\u0000').replace(/\s+/g, ' ').trim();
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    category: rule.category,
    severity: opts.severity ?? rule.severity,
    confidence: rule.confidence,
    cwe: rule.cwe,
    message,
    location: { path, startLine: l, startColumn: 0, endLine: l, endColumn: (lines[l - 1] ?? '').length },
    snippet,
    fix: opts.fix ?? rule.docs.instead,
    fingerprint: createHash('sha256').update(`${rule.id}\u0000${path}\u0000${text}\u0000${message}`).digest('hex').slice(0, 16),
    ...(opts.properties ? { properties: opts.properties } : {}),
  };
}
