/**
 * The catalog of every rule krait can report, whatever analysis reports it: code rules
 * (bandit-compatible and krait's own), secret formats, dependency and posture checks.
 * `krait rules`, `krait explain` and the SARIF/Markdown/HTML reports read it.
 */
import type { RuleMeta } from '../core/rule-meta.js';
import { CODE_RULES } from './index.js';
import { DEPENDENCY_RULES } from './deps/index.js';
import { SECRET_RULES } from './secrets/index.js';
import { POSTURE_PROJECT_RULES } from './project/index.js';
import { packageNameTyposquat } from './malicious/kr609-package-name-typosquat.js';
import { pthFileRunsCode } from './malicious/kr610-pth-file-runs-code.js';

let cache: Map<string, RuleMeta> | undefined;

function strip(r: RuleMeta): RuleMeta {
  const { id, name, category, severity, confidence, cwe, docs } = r;
  return { id, name, category, severity, confidence, cwe, docs };
}

/** Every rule, sorted by id (B-ids first, then KR-ids by number). */
export function allRuleMetas(): RuleMeta[] {
  return [...index().values()];
}

/** The rule with this id (case-insensitive; `S602` is read as `B602`), or undefined. */
export function ruleMeta(id: string): RuleMeta | undefined {
  const up = id.toUpperCase().replace(/^S(\d{3})$/, 'B$1');
  return index().get(up) ?? [...index().values()].find((r) => r.name === id.toLowerCase().replace(/_/g, '-'));
}

function index(): Map<string, RuleMeta> {
  if (cache) return cache;
  const all: RuleMeta[] = [...CODE_RULES.map(strip), ...DEPENDENCY_RULES.map(strip), ...extraRules()];
  all.sort((a, b) => {
    const ka = a.id.startsWith('B') ? 0 : 1;
    const kb = b.id.startsWith('B') ? 0 : 1;
    return ka - kb || Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')) || a.id.localeCompare(b.id);
  });
  cache = new Map(all.map((r) => [r.id, r]));
  return cache;
}

/** Rules of analyses that report outside the code-rule engine (secrets, posture, package verdicts). */
function extraRules(): RuleMeta[] {
  return [...SECRET_RULES.map(strip), ...POSTURE_PROJECT_RULES.map(strip), strip(packageNameTyposquat), strip(pthFileRunsCode)];
}
