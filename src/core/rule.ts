/**
 * The two shapes of a rule, one file each under src/rules/:
 * - a {@link CodeRule}: metadata, documentation and a visitor keyed by CPython node type
 *   (ESLint's `create()` → `{ CallExpression(node) {…} }`, ruff's one-rule-one-file), run
 *   on one Python file during the engine's single walk;
 * - a {@link ProjectRule}: metadata, documentation and `check(facts, ctx)` over facts an
 *   analysis computed (manifests and advisories, `.env`/Dockerfile/compose files, routes,
 *   secret candidates), run by the pipeline once those facts exist.
 */
import type { Confidence, Finding, Severity, TraceStep } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';

export type Visitor = { [T in A.NodeType]?: (node: A.NodeOfType<T>, ctx: RuleContext) => void } & {
  /** Called once per file after the walk (for rules that collect first). */
  'Module:exit'?: (node: A.Module, ctx: RuleContext) => void;
};

export interface CodeRule extends RuleMeta {
  /** Options this rule reads from configuration, with defaults (bandit plugin options). */
  options?: Record<string, unknown>;
  visit: Visitor;
}

/** Define a code rule; returns it unchanged (for type inference and a single place to add checks). */
export function defineRule(rule: CodeRule): CodeRule {
  if (!/^(B\d{3}|KR\d{3,4})$/.test(rule.id)) throw new Error(`bad rule id ${rule.id}`);
  if (!rule.cwe.length) throw new Error(`rule ${rule.id} has no CWE`);
  return rule;
}

/**
 * Per-file state for a rule that collects during the engine's walk and decides at
 * `Module:exit` (rules are module-level singletons): one `S` per rule context, and the
 * engine makes one context per rule and file. `make` runs at the rule's first visit of a file.
 */
export function fileState<S>(make: (ctx: RuleContext) => S): (ctx: RuleContext) => S {
  const states = new WeakMap<RuleContext, S>();
  return (ctx) => {
    let s = states.get(ctx);
    if (s === undefined) states.set(ctx, (s = make(ctx)));
    return s;
  };
}

/** What a project rule can ask while it checks one set of facts. */
export interface ProjectRuleContext {
  /** Option value for this rule (from config, else the rule's default). */
  option<T>(name: string): T;
  /**
   * Add a finding. Its `ruleId`, `ruleName`, `category` and `cwe` must be this rule's (the
   * pipeline checks); snippets are already masked where they hold a secret.
   */
  report(finding: Finding): void;
}

/**
 * A check over facts. `Facts` is the type of what the analysis it belongs to computes
 * (e.g. the dependency analysis's manifests, requirements and matched advisories); the
 * pipeline calls `check` once per set of facts (once per project, or once per file for
 * per-file facts such as secret candidates).
 */
export interface ProjectRule<Facts> extends RuleMeta {
  /** Options this rule reads from configuration, with defaults. */
  options?: Record<string, unknown>;
  check(facts: Facts, ctx: ProjectRuleContext): void;
}

/** Define a project rule; returns it unchanged (id and CWE checked as for code rules). */
export function defineProjectRule<Facts>(rule: ProjectRule<Facts>): ProjectRule<Facts> {
  if (!/^(B\d{3}|KR\d{3,4})$/.test(rule.id)) throw new Error(`bad rule id ${rule.id}`);
  if (!rule.cwe.length) throw new Error(`rule ${rule.id} has no CWE`);
  return rule;
}

/** What a rule may override for one finding. */
export interface ReportOptions {
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  cwe?: number[];
  /** A secret value in the flagged code: masked in the snippet and never printed whole. */
  secret?: string;
  /** Report at another node than the visited one (e.g. a keyword argument). */
  node?: A.AnyNode;
  properties?: Record<string, unknown>;
  /** Data-flow findings: the path from source to sink. */
  trace?: TraceStep[];
  /** Report at this exact range (1-based lines, 0-based columns) instead of a node's (e.g. a comment). */
  range?: { line: number; column: number; endLine: number; endColumn: number };
  /** Not silenced by `# nosec`/`# noqa` (a finding about the suppression comment itself). */
  unsuppressable?: boolean;
}

/** Everything a rule can ask while it visits one file. */
export interface RuleContext {
  readonly path: string;
  readonly source: string;
  readonly lines: readonly string[];
  readonly semantic: SemanticModel;
  /** The file's comments (text with `#`, 1-based line, 0-based column). */
  readonly comments: readonly { line: number; col: number; text: string }[];
  readonly rule: CodeRule;
  /** Option value for this rule (from config, else the rule's default). */
  option<T>(name: string): T;
  /** Qualified name of an expression (see SemanticModel.qualifiedName). */
  qualifiedName(expr: A.Expr): string | null;
  /** Qualified name of a call's callee. */
  callName(call: A.Call): string | null;
  /** Constant value of an expression, or undefined when computed. */
  constValue(expr: A.Expr): string | number | boolean | null | undefined;
  report(node: A.AnyNode, opts: ReportOptions): void;
}
