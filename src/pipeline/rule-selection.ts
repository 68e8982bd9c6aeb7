/**
 * Rule tokens, as users write them in `--select`/`--ignore`, `[tool.krait]` select/ignore
 * and per-path ignores: a rule id (`B602`, ruff's `S602`, `KR101`), an id prefix (`B6`,
 * `S6`, `KR1`) or a rule name (`subprocess-popen-with-shell-equals-true`, underscores
 * allowed). A token that names no rule is refused with the closest known id, so a typo
 * cannot silently turn the audit off.
 */
import { distance } from 'fastest-levenshtein';
import { allRuleMetas } from '../rules/catalog.js';

/** Does a select/ignore token name this rule: its id (`B602`, ruff's `S602`), an id prefix (`B6`, `S6`, `KR5`) or its name? */
export function tokenMatches(token: string, id: string, name: string): boolean {
  const t = token.trim();
  if (!t) return false;
  const up = t.toUpperCase().replace(/^S(\d{0,3})$/, 'B$1');
  return id === up || (/^(B|KR)\d*$/.test(up) && id.startsWith(up)) || name === t.toLowerCase().replace(/_/g, '-');
}

/** The tokens that name no rule of any analysis (code, secrets, dependencies, posture). */
export function unknownRuleTokens(tokens: readonly string[]): string[] {
  const rules = allRuleMetas();
  return tokens.filter((t) => t.trim() && !rules.some((r) => tokenMatches(t, r.id, r.name)));
}

/** The known rule id (or name, for a token that looks like one) closest to `token` by edit distance. */
export function closestRule(token: string): string | undefined {
  const rules = allRuleMetas();
  const t = token.trim();
  const byName = /[a-z]{3}/i.test(t) && !/^(?:B|S|KR)\d/i.test(t);
  const up = t.toUpperCase().replace(/^S(\d+)$/, 'B$1');
  let best: string | undefined;
  let bestD = Infinity;
  for (const r of rules) {
    const cand = byName ? r.name : r.id;
    const q = byName ? t.toLowerCase().replace(/_/g, '-') : up;
    // A name may be given in part (`subprocess-popen`): compare with its beginning too.
    const d = byName ? Math.min(distance(q, cand), distance(q, cand.slice(0, q.length)) + 1) : distance(q, cand);
    if (d < bestD) {
      bestD = d;
      best = byName ? `${r.id} (${r.name})` : r.id;
    }
  }
  return best;
}

/** One line naming an unknown token and the closest known rule: `unknown rule "B999" in --select; did you mean B602?`. */
export function unknownRuleMessage(token: string, where: string): string {
  const near = closestRule(token);
  return `unknown rule "${token}" in ${where}${near ? `; did you mean ${near}?` : ''} (krait rules lists them)`;
}
