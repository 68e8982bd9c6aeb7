import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { functionComplexity } from '../../metrics/complexity.js';

/** Default `max_complexity`: radon ranks 1–10 as low risk (A–B), 11+ as C and worse. */
const DEFAULT_MAX = 10;

function check(node: A.FunctionDef, ctx: RuleContext): void {
  const raw = ctx.option<unknown>('max_complexity');
  const max = typeof raw === 'number' && Number.isFinite(raw) && raw >= 1 ? raw : DEFAULT_MAX;
  const complexity = functionComplexity(node, ctx.lines);
  if (complexity <= max) return;
  ctx.report(node, {
    message: `Function '${node.name}' has a cyclomatic complexity of ${complexity} (more than ${max}): too many paths to review and test; security checks hidden in it are easy to miss.`,
    fix: 'Split the function: move independent branches into helpers, replace long if/elif chains by a lookup table, and return early.',
    properties: { complexity, threshold: max },
  });
}

/**
 * KR801: a function or method whose McCabe cyclomatic complexity (counted as radon does,
 * plus `match` cases; see `metrics/complexity.ts`) is above `max_complexity` (default 10).
 */
export const highCyclomaticComplexity = defineRule({
  id: 'KR801',
  name: 'high-cyclomatic-complexity',
  category: 'quality',
  severity: 'low',
  confidence: 'high',
  cwe: [1121],
  options: { max_complexity: DEFAULT_MAX },
  docs: {
    what: 'Flags functions and methods whose cyclomatic complexity (McCabe, counted as radon counts it, plus `match` cases) is above `max_complexity` (default 10).',
    why: 'Each decision point (if/elif, loop, except handler, boolean operator, comprehension condition, assert) adds a path through the function. Past about ten paths a reviewer can no longer check every one, tests rarely cover them all, and a missing authorisation or validation branch goes unnoticed (CWE-1121, Excessive McCabe Cyclomatic Complexity).',
    example: 'def handle(req):\n    if req.method == "GET":\n        if req.user and req.user.is_admin or req.debug:\n            ...\n    elif req.method == "POST":\n        for item in req.items:\n            if item.ok and not item.locked:\n                ...\n    # … many more branches',
    instead: 'HANDLERS = {"GET": handle_get, "POST": handle_post}\n\ndef handle(req):\n    handler = HANDLERS.get(req.method)\n    if handler is None:\n        raise MethodNotAllowed(req.method)\n    return handler(req)',
    references: [
      'https://cwe.mitre.org/data/definitions/1121.html',
      'https://radon.readthedocs.io/en/latest/intro.html#cyclomatic-complexity',
      'https://docs.astral.sh/ruff/rules/complex-structure/',
    ],
  },
  visit: {
    FunctionDef: check,
    AsyncFunctionDef: check,
  },
});
