/**
 * The finding of a secrets rule for one candidate: place, masked snippet, properties and
 * the secret's fingerprint; test files (and, for the generic rules, documentation lines)
 * lower severity and confidence to low.
 */
import type { Confidence, Finding, Severity } from '../../core/finding.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { snippetAt } from '../../core/snippet.js';
import { secretFingerprint } from '../../core/mask.js';
import type { SecretCandidateFacts, SecretFileFacts } from '../../secrets/index.js';

/** What a secrets rule decides for one candidate. */
export interface SecretDecision {
  message: string;
  fix: string;
  /** `properties.formatName`: the format's name, or `generic <kind>` for names. */
  formatName: string;
  /** The candidate is on a documentation line and is taken for example code (generic rules only). */
  inDocumentation?: boolean;
}

/** Build the finding of `rule` for candidate `c` of the file `facts` describes. */
export function secretFinding(rule: RuleMeta, facts: SecretFileFacts, c: SecretCandidateFacts, d: SecretDecision): Finding {
  let severity: Severity = c.severity;
  let confidence: Confidence = c.confidence;
  const inDocs = !!d.inDocumentation;
  if ((facts.testPath || inDocs) && severity !== 'info') {
    severity = 'low';
    confidence = 'low';
  }
  // Safety net: no snippet line may still hold the whole secret.
  let snippet = snippetAt(facts.maskedLines, c.startLine, c.endLine);
  if (c.secret.length >= 6 && snippet.includes(c.secret)) snippet = snippet.split(c.secret).join(c.masked);
  return {
    ruleId: c.ruleId,
    ruleName: rule.name,
    category: 'secrets',
    severity,
    confidence,
    cwe: c.cwe,
    message: d.message,
    location: { path: facts.path, startLine: c.startLine, startColumn: c.startColumn, endLine: c.endLine, endColumn: c.endColumn },
    snippet,
    fix: d.fix,
    fingerprint: secretFingerprint(c.ruleId, c.formatId, facts.path, c.secret, c.occurrence),
    properties: {
      format: c.formatId,
      formatName: d.formatName,
      masked: c.masked,
      secretLength: c.secret.length,
      ...(c.entropy !== undefined ? { entropy: Math.round(c.entropy * 100) / 100 } : {}),
      ...(c.variable ? { variable: c.variable } : {}),
      ...(c.encoding ? { encoding: c.encoding } : {}),
      ...(c.placeholder ? { placeholder: true } : {}),
      ...(facts.testPath ? { testPath: true } : {}),
      ...(inDocs ? { inDocumentation: true } : {}),
    },
  };
}
