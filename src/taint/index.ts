/**
 * The data-flow analysis as the code rules see it: computed once per module (cached in a
 * WeakMap keyed by the Module node, so the fifteen flow rules share one pass) and reported
 * rule by rule with a source → steps → sink trace.
 */
import type { Confidence, Finding, Severity, TraceStep } from '../core/finding.js';
import type { RuleContext } from '../core/rule.js';
import type * as A from '../python/ast.js';
import { TaintAnalysis, type ArgSafety, type ExternalResolver, type Flow, type TaintFacts } from './engine.js';
import type { Origin } from './model.js';
import { SOURCE_TEXT_HINT } from './sources.js';
import { LOCAL_SOURCE_RULES } from './models/kinds.js';

export { FLOW_RULES } from './sinks.js';
export { FLOW_RULE_IDS, LOCAL_SOURCE_RULES } from './models/kinds.js';

interface Cached {
  analysis: TaintAnalysis | null;
  byRule: Map<string, Flow[]>;
}

const cache = new WeakMap<A.Module, Cached>();
/** Per-module settings of the analysis: the project's own top-level modules, and the resolver of calls into them. */
const settings = new WeakMap<A.Module, { localModules?: ReadonlySet<string>; external?: ExternalResolver }>();

/**
 * Configure the analysis of a module before the rules run: which top-level names are the
 * project's own modules (calls into them are recorded for the project pass), and, in the
 * project pass, the resolver that brings their summaries in.
 */
export function configureModule(module: A.Module, s: { localModules?: ReadonlySet<string>; external?: ExternalResolver }): void {
  settings.set(module, s);
}

let runs = 0;

/** How many module analyses this thread has started (a deterministic measure of work, for tests and profiling). */
export function analysesStarted(): number {
  return runs;
}

function newAnalysis(module: A.Module, ctx: Pick<RuleContext, 'semantic' | 'lines'>): TaintAnalysis {
  runs++;
  const a = new TaintAnalysis(module, ctx.semantic, ctx.lines);
  const s = settings.get(module);
  if (s?.localModules) a.localModules = s.localModules;
  if (s?.external) a.external = s.external;
  return a;
}

/**
 * The module's facts for the project pass (functions that return sources, reach sinks or
 * pass parameters on; calls into the project's modules), running the analysis if the
 * rules did not.
 */
export function taintFactsOf(module: A.Module, ctx: Pick<RuleContext, 'semantic' | 'lines' | 'source'>): TaintFacts {
  const got = cache.get(module);
  if (got?.analysis) return got.analysis.facts();
  const analysis = newAnalysis(module, ctx);
  analysis.observe = pending.get(module) ?? new Set();
  analysis.run();
  cache.set(module, { analysis, byRule: groupFlows(analysis) });
  return analysis.facts();
}

/**
 * What the module's analysis saw of each call argument on every path (see
 * {@link TaintAnalysis.argSafety} and {@link TaintAnalysis.argKinds}); undefined when the
 * analysis did not run.
 */
export function literalArgsOf(module: A.Module): { safety(call: A.Call, arg: A.Expr): ArgSafety; kinds(call: A.Call, arg: A.Expr): number } | undefined {
  const a = cache.get(module)?.analysis;
  return a ? { safety: (call, arg) => a.argSafety(call, arg), kinds: (call, arg) => a.argKinds(call, arg) } : undefined;
}

/** Per module: the project calls that can reach a pattern finding left `unknown` (null: any call may). */
const unknownCallees = new WeakMap<A.Module, Set<string> | null>();

/**
 * After triage: remember which calls into the project's own modules can reach the pattern
 * findings whose verdict stayed `unknown` (a callee returning only constants may settle
 * them in the project pass; other callees cannot).
 */
export function noteUnknownCallees(module: A.Module, analysis: TaintAnalysis, findings: readonly Finding[], nodes: ReadonlyMap<Finding, A.AnyNode>): void {
  let out: Set<string> | null | undefined;
  for (const f of findings) {
    if (f.verdict?.kind !== 'unknown') continue;
    const n = nodes.get(f);
    const around = n ? analysis.projectCalleesAround(n) : null;
    if (!around) {
      out = null;
      break;
    }
    out ??= new Set();
    for (const q of around) out.add(q);
  }
  if (out !== undefined) unknownCallees.set(module, out);
}

/** What {@link noteUnknownCallees} recorded: undefined when no finding stayed `unknown`, null when any project call may matter. */
export function unknownCalleesOf(module: A.Module): Set<string> | null | undefined {
  return unknownCallees.get(module);
}

/**
 * The facts with each project call marked `unknown` when it can reach a pattern finding
 * left `unknown` (`callees` from {@link unknownCalleesOf}; null marks every call). The
 * facts' own lists are not changed.
 */
export function withUnknownCallees(facts: TaintFacts, callees: Set<string> | null | undefined): TaintFacts {
  if (callees === undefined) return facts;
  return { ...facts, calls: facts.calls.map((c) => (callees === null || callees.has(c.callee) ? { ...c, unknown: true as const } : c)) };
}

/** Flows whose sink lies in another module (found in the project pass): reported there. */
export function remoteFlowsOf(module: A.Module): Flow[] {
  return cache.get(module)?.analysis?.flows.filter((f) => f.path) ?? [];
}

/** Nodes triage will ask about, registered before the analysis runs (see {@link requestObservations}). */
const pending = new WeakMap<A.Module, Set<A.AnyNode>>();

/**
 * Ask the module's analysis to observe these nodes (pattern findings' flagged arguments).
 * Call before the flow rules run (the engine does it after the walk, before `Module:exit`).
 */
export function requestObservations(module: A.Module, nodes: Iterable<A.AnyNode>): void {
  let set = pending.get(module);
  if (!set) pending.set(module, (set = new Set()));
  for (const n of nodes) set.add(n);
}

/**
 * The module's data-flow analysis, observing `observe` (run once and shared with the flow
 * rules; run again only when triage needs nodes the first run did not observe).
 */
export function analysisOf(module: A.Module, ctx: Pick<RuleContext, 'semantic' | 'lines' | 'source'>, observe: ReadonlySet<A.AnyNode>): TaintAnalysis {
  const got = cache.get(module);
  if (got?.analysis && [...observe].every((n) => got.analysis!.observe?.has(n))) return got.analysis;
  const all = new Set([...(pending.get(module) ?? []), ...observe]);
  const analysis = newAnalysis(module, ctx);
  analysis.observe = all;
  analysis.run();
  if (got) got.analysis = analysis;
  else cache.set(module, { analysis, byRule: groupFlows(analysis) });
  return analysis;
}

/** The flows of a module, grouped by rule id (computed on first use). */
export function flowsOf(module: A.Module, ctx: Pick<RuleContext, 'semantic' | 'lines' | 'source'>): Map<string, Flow[]> {
  const got = cache.get(module);
  if (got) return got.byRule;
  // Every source needs one of these words in the text (request objects and handlers, argv,
  // stdin, the environment, input(), tracebacks, route decorators): without any, no flow —
  // unless triage needs the analysis's constants anyway.
  const observe = pending.get(module);
  if (!SOURCE_TEXT_HINT.test(ctx.source) && !observe?.size) {
    const byRule = new Map<string, Flow[]>();
    cache.set(module, { analysis: null, byRule });
    return byRule;
  }
  const analysis = newAnalysis(module, ctx);
  analysis.observe = observe ?? new Set();
  analysis.run();
  const byRule = groupFlows(analysis);
  cache.set(module, { analysis, byRule });
  return byRule;
}

function groupFlows(analysis: TaintAnalysis): Map<string, Flow[]> {
  const byRule = new Map<string, Flow[]>();
  for (const f of analysis.flows) {
    let list = byRule.get(f.rule);
    if (!list) byRule.set(f.rule, (list = []));
    list.push(f);
  }
  for (const list of byRule.values()) list.sort((a, b) => a.node.lineno - b.node.lineno || a.node.col_offset - b.node.col_offset);
  return byRule;
}

const ORIGIN_TEXT: Record<Origin, string> = {
  request: 'HTTP request data',
  cli: 'command-line or console input',
  env: 'an environment variable',
  traceback: 'exception details',
};

/**
 * Severity and confidence of a flow: high/high from an HTTP request straight to the sink;
 * one confidence step lower through another function; medium/low for command-line input
 * and low/low for the environment, which an attacker rarely controls.
 */
export function flowRating(f: Flow, base: { severity: Severity; confidence: Confidence }): { severity: Severity; confidence: Confidence } {
  let severity = base.severity;
  let confidence = base.confidence;
  if (f.origin === 'cli') {
    if (severity === 'high' || severity === 'critical') severity = 'medium';
    confidence = 'low';
  } else if (f.origin === 'env') {
    severity = 'low';
    confidence = 'low';
  }
  if (f.interprocedural && confidence === 'high') confidence = 'medium';
  return { severity, confidence };
}

function location(path: string, n: A.AnyNode): TraceStep['location'] {
  return { path, startLine: n.lineno, startColumn: n.col_offset, endLine: n.end_lineno, endColumn: n.end_col_offset };
}

/** Materialise a flow's trace: source first, then the steps, then the sink. At most 20 steps (the source and the last ones). */
export function traceOf(f: Flow, path: string, sinkText: string): TraceStep[] {
  return traceSteps(f.trace, path, { location: location(f.path ?? path, f.node), message: `${sinkText} (sink: ${f.sinkLabel})`, kind: 'sink' });
}

/**
 * A taint's steps as report trace steps, source first (steps in other modules keep their
 * file; `path` for the rest), at most 20 with the sink: the source and the last ones.
 */
export function traceSteps(trace: Flow['trace'], path: string, sink: TraceStep): TraceStep[] {
  const steps: TraceStep[] = [];
  for (let s: Flow['trace'] | null = trace; s; s = s.prev) steps.push({ location: location(s.path ?? path, s.node), message: s.message, kind: s.kind });
  steps.reverse();
  const kept = steps.length > 19 ? [steps[0], ...steps.slice(steps.length - 18)] : steps;
  kept.push(sink);
  return kept;
}

/**
 * The `Module` visitor of a flow rule: report every flow of `ctx.rule.id` in this module.
 * `describe` turns a flow into the rule's message.
 */
export function reportFlows(module: A.Module, ctx: RuleContext, describe: (what: string, sink: string) => string): void {
  const flows = flowsOf(module, ctx).get(ctx.rule.id);
  if (!flows) return;
  for (const f of flows) {
    if (f.path) continue; // the sink is in another module: the project pass reports it there
    if ((f.origin === 'cli' || f.origin === 'env') && !LOCAL_SOURCE_RULES.has(ctx.rule.id)) continue;
    const sinkText = textOf(ctx.lines, f.node);
    const source = f.trace && firstStep(f);
    const what = `${ORIGIN_TEXT[f.origin]} (${source})`;
    ctx.report(f.node, {
      message: describe(what, sinkText),
      ...flowRating(f, ctx.rule),
      trace: traceOf(f, ctx.path, sinkText),
      properties: { origin: f.origin, interprocedural: f.interprocedural },
    });
  }
}

function firstStep(f: Flow): string {
  let s = f.trace;
  while (s.prev) s = s.prev;
  return s.message.replace(/ \(source: .*\)$/, '');
}

function textOf(lines: readonly string[], n: A.AnyNode): string {
  const line = lines[n.lineno - 1] ?? '';
  let s = (n.end_lineno === n.lineno ? line.slice(n.col_offset, n.end_col_offset) : line.slice(n.col_offset) + ' …').trim();
  if (s.length > 100) s = `${s.slice(0, 97)}…`;
  return s;
}
