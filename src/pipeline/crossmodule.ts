/**
 * Cross-module data flow, in the project pass. Each file's per-file pass reports which of
 * its functions return untrusted data, reach a sink from a parameter or pass a parameter
 * on (`FileResult.taint.exports`), and which calls it makes into the project's own modules
 * (`taint.calls`). Here the calls are resolved over the project's modules (absolute and
 * relative imports, `from pkg import mod`, classes and their methods, a module beside the
 * caller for script folders); a file that calls something that matters is analysed again
 * with the callees' summaries brought in (their own calls resolved in turn, to a depth of
 * three), so that a request read in a view and formatted into SQL in a data-access module
 * is one finding at the sink, with the whole trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import type { FileResult } from '../report/model.js';
import type * as A from '../python/ast.js';
import { parsePython } from '../python/parse.js';
import { SemanticModel } from '../python/semantic.js';
import { linkParents } from '../python/visit.js';
import { decodePython, universalNewlines } from '../core/decode.js';
import { CODE_RULES } from '../rules/index.js';
import { TaintAnalysis, type ExternalCallee, type ExternalResolver, type ExternalUse, type Flow, type TaintFacts } from '../taint/engine.js';
import { flowRating, remoteFlowsOf, traceOf } from '../taint/index.js';
import { IMPORT_RULES, mergeFlow, TRIAGE_RULES } from '../taint/triage.js';
import { runCodeRules, statementLines, type FileTask } from './analyze.js';
import { isSuppressed, noSuppressions, readSuppressions, type Suppressions } from '../core/suppress.js';
import { snippetAt, splitLines } from '../core/snippet.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { redactSnippets } from '../core/redact.js';

/** How far a chain of calls across modules is followed (view → service → data access → …). */
const MAX_DEPTH = 3;
/** At most this many files are analysed a second time (the rest keep their per-file findings). */
const MAX_CALLERS = 2000;

interface Loaded {
  task: FileTask;
  text: string;
  lines: string[];
  parsed: ReturnType<typeof parsePython>;
  semantic: SemanticModel;
  suppressions: Suppressions;
}

/** Rules whose findings depend on what the data flow knows: flow rules, pattern rules triage judges, import rules that follow them. */
const REASONED = new Set(CODE_RULES.map((r) => r.id).filter((id) => /^KR1[01]\d$/.test(id) || TRIAGE_RULES.has(id) || IMPORT_RULES.has(id)));
const RULES = new Map(CODE_RULES.map((r) => [r.id, r]));
/** Data-flow rules that report flows from local input (command line, environment) too. */
const LOCAL_SOURCE_RULES = new Set(['KR101', 'KR102', 'KR103']);

/** The dotted module name of a Python file (`pkg.mod`, `pkg` for its `__init__.py`, the stem outside packages). */
export function moduleNameOf(task: Pick<FileTask, 'absPath' | 'packageName'>): string {
  const stem = path.basename(task.absPath).replace(/\.pyw?$/, '');
  if (!task.packageName) return stem;
  return stem === '__init__' ? task.packageName : `${task.packageName}.${stem}`;
}

/**
 * Find cross-module flows and update the results in place: files that call into functions
 * of other modules that matter are analysed again with those functions' summaries (their
 * code findings replaced: local flows through the callees, and triage verdicts that now
 * know what the callees return), and flows whose sink lies in another module are reported
 * at that sink (merged into the pattern finding there when there is one).
 */
/** Returns how many files were analysed again. */
export function crossModuleFlows(tasks: readonly FileTask[], results: FileResult[]): number {
  const byPath = new Map(results.map((r) => [r.path, r]));
  const pyTasks = tasks.filter((t) => (t.kind === 'python' || t.kind === 'setup-py') && byPath.has(t.path));
  const index = new Map<string, FileTask[]>();
  for (const t of pyTasks) {
    const m = moduleNameOf(t);
    const list = index.get(m);
    if (list) list.push(t);
    else index.set(m, [t]);
  }
  const facts = new Map<string, TaintFacts>();
  for (const r of results) if (r.taint) facts.set(r.path, r.taint);

  /** The file and the name inside it that a qualified name stands for, seen from `from`. */
  const resolve = (q: string, from: FileTask): { task: FileTask; rest: string } | null => {
    const parts = q.split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const cands = index.get(parts.slice(0, i).join('.'));
      if (!cands) continue;
      const dir = path.dirname(from.absPath);
      const task = cands.find((c) => path.dirname(c.absPath) === dir) ?? (cands.length === 1 ? cands[0] : cands.find((c) => c.packageName));
      if (task && task !== from) return { task, rest: parts.slice(i).join('.') };
    }
    return null;
  };
  // A call matters when its callee returns untrusted data; when untrusted data goes in and the
  // callee reaches a sink, passes it on, or calls (in its file) something that matters in
  // turn, to the depth that chains are followed; when the callee returns only constants
  // and the caller has a pattern finding whose verdict is still unknown; or when a request
  // object goes in and the callee (a helper, a wrapper class) reads request data from it.
  const fileMatters = new Map<string, boolean>();
  const matters = (q: string, from: FileTask, src: boolean, unknown: boolean, depth = 1, req = false): boolean => {
    const r = resolve(q, from);
    if (!r) return false;
    const e = facts.get(r.task.path)?.exports[r.rest];
    if (e && (e.src || (src && (e.sinks || e.pass)) || (unknown && e.lit) || (req && e.req))) return true;
    // Deeper only through a callee that passes an argument on to the project's own code.
    if (!src || depth >= MAX_DEPTH || !e?.fwd) return false;
    const key = `${depth}:${r.task.path}`;
    let m = fileMatters.get(key);
    if (m === undefined) {
      fileMatters.set(key, false);
      m = (facts.get(r.task.path)?.calls ?? []).some((c) => matters(c.callee, r.task, true, false, depth + 1));
      fileMatters.set(key, m);
    }
    return m;
  };

  /**
   * Whether analysing a callee can change what the caller needs (otherwise its file is not
   * parsed again). Its per-file summary flags say what it does alone; what it calls in turn
   * may add a returned source (or, with untrusted arguments, a sink or a pass-through).
   */
  const worthLoading = (r: { task: FileTask; rest: string }, use: ExternalUse, depth: number): boolean => {
    const e = facts.get(r.task.path)?.exports[r.rest];
    if (use.kind === 'constants') return !!e?.lit;
    const deeper = () => depth < MAX_DEPTH && !!e?.fwd && (facts.get(r.task.path)?.calls ?? []).some((c) => matters(c.callee, r.task, true, false, depth + 1));
    if (use.kind === 'class') return !!e || deeper();
    if (e?.src || (use.req && e?.req)) return true;
    if (use.tainted) return !!(e?.pass || e?.sinks) || deeper();
    return reachesSource(r.task, depth);
  };
  /** Whether a file calls, within the depth left, a project function that returns request data. */
  const sourceCallers = new Map<string, boolean>();
  const reachesSource = (t: FileTask, depth: number): boolean => {
    if (depth >= MAX_DEPTH) return false;
    const key = `${depth}:${t.path}`;
    let m = sourceCallers.get(key);
    if (m === undefined) {
      sourceCallers.set(key, false);
      m = (facts.get(t.path)?.calls ?? []).some((c) => {
        const r = resolve(c.callee, t);
        return !!r && (!!facts.get(r.task.path)?.exports[r.rest]?.src || reachesSource(r.task, depth + 1));
      });
      sourceCallers.set(key, m);
    }
    return m;
  };

  const loaded = new Map<string, Loaded | null>();
  const load = (t: FileTask): Loaded | null => {
    if (loaded.has(t.path)) return loaded.get(t.path)!;
    let l: Loaded | null = null;
    try {
      const text = universalNewlines(decodePython(readFileSync(t.absPath)).text);
      const lines = splitLines(text);
      const parsed = parsePython(text);
      linkParents(parsed.module);
      const semantic = new SemanticModel(parsed.module, t.packageName);
      l = { task: t, text, lines, parsed, semantic, suppressions: t.options.ignoreNosec ? noSuppressions() : readSuppressions(parsed.comments) };
    } catch {
      l = null; // unreadable now: the per-file findings stand
    }
    loaded.set(t.path, l);
    return l;
  };

  // Callee analyses, one per file and depth (their own calls resolved one level deeper).
  const calleeAnalyses = new Map<string, TaintAnalysis>();
  const resolverFor = (from: FileTask, depth: number): ExternalResolver => ({
    lookup(q: string, use?: ExternalUse): ExternalCallee | null {
      const r = resolve(q, from);
      if (!r) return null;
      if (use && !worthLoading(r, use, depth)) return null;
      const l = load(r.task);
      if (!l) return null;
      const key = `${depth}:${r.task.path}`;
      let analysis = calleeAnalyses.get(key);
      if (!analysis) {
        analysis = new TaintAnalysis(l.parsed.module, l.semantic, l.lines);
        if (depth < MAX_DEPTH) analysis.external = resolverFor(r.task, depth + 1);
        calleeAnalyses.set(key, analysis);
      }
      return findCallee(l.parsed.module, r.rest, q, r.task.path, analysis);
    },
  });

  let callers = 0;
  for (const t of pyTasks) {
    const f = facts.get(t.path);
    if (!f || !f.calls.some((c) => matters(c.callee, t, !!c.src, !!f.unknown, 1, !!c.req))) continue;
    if (++callers > MAX_CALLERS) break;
    const l = load(t);
    const result = byPath.get(t.path);
    if (!l || !result) continue;
    // A second look at the caller, with the callees' summaries.
    // Only the rules whose findings depend on data flow run again: data-flow rules and the
    // pattern rules triage judges (their verdicts may change); the others' findings stand.
    const again = t.options.enabledRules.filter((id) => REASONED.has(id));
    const fresh: Pick<FileResult, 'findings'> = { findings: [] };
    try {
      runCodeRules({ path: t.path, options: { ...t.options, enabledRules: again } }, l.text, l.lines, l.parsed, l.semantic, l.suppressions, fresh, resolverFor(t, 1));
    } catch {
      continue; // keep the per-file findings
    }
    const redone = new Set(again);
    result.findings = [...fresh.findings, ...result.findings.filter((x) => !redone.has(x.ruleId))];
    assignFingerprints(result.findings, (x) => l.lines[x.location.startLine - 1] ?? '');
    redactSnippets(result.findings);
    for (const flow of remoteFlowsOf(l.parsed.module)) reportRemote(flow, t, byPath, pyTasks, load);
  }
  return Math.min(callers, MAX_CALLERS);
}

/** The function, method or class `rest` (`f`, `C`, `C.m`) of a module, as a callee. */
function findCallee(module: A.Module, rest: string, q: string, file: string, analysis: TaintAnalysis): ExternalCallee | null {
  const [first, second] = rest.split('.');
  for (const s of module.body) {
    if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && s.name === first && second === undefined) {
      return { kind: 'function', fn: s, name: s.name, path: file, analysis, offset: 0 };
    }
    if (s.type === 'ClassDef' && s.name === first) {
      const methods = s.body.filter((m): m is A.FunctionDef => m.type === 'FunctionDef' || m.type === 'AsyncFunctionDef');
      if (second === undefined) {
        return { kind: 'class', fn: methods.find((m) => m.name === '__init__') ?? null, name: s.name, path: file, analysis, offset: 1, cls: q };
      }
      const m = methods.find((x) => x.name === second);
      return m ? { kind: 'function', fn: m, name: `${s.name}.${m.name}`, path: file, analysis, offset: 1 } : null;
    }
  }
  return null;
}

/** Report a flow whose sink lies in another module, in that module's results. */
function reportRemote(flow: Flow, caller: FileTask, byPath: Map<string, FileResult>, tasks: readonly FileTask[], load: (t: FileTask) => Loaded | null): void {
  const rule = RULES.get(flow.rule);
  const sinkTask = tasks.find((x) => x.path === flow.path);
  const target = flow.path ? byPath.get(flow.path) : undefined;
  if (!rule || !sinkTask || !target) return;
  if ((flow.origin === 'cli' || flow.origin === 'env') && !LOCAL_SOURCE_RULES.has(flow.rule)) return;
  if (!sinkTask.options.enabledRules.includes(flow.rule)) return;
  const l = load(sinkTask);
  if (!l) return;
  const n = flow.node;
  const [from, to] = statementLines(n);
  if (isSuppressed(l.suppressions, rule.id, rule.name, from, to)) return;
  const line = l.lines[n.lineno - 1] ?? '';
  let sinkText = (n.end_lineno === n.lineno ? line.slice(n.col_offset, n.end_col_offset) : `${line.slice(n.col_offset)} …`).trim();
  if (sinkText.length > 100) sinkText = `${sinkText.slice(0, 97)}…`;
  const trace = traceOf(flow, caller.path, sinkText);
  const source = trace[0];
  const finding: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    category: rule.category,
    ...flowRating(flow, rule),
    cwe: rule.cwe,
    message: `${source ? `${source.message.replace(/ \(source: (.*)\)$/, ' ($1)')} in ${source.location.path}:${source.location.startLine}` : 'untrusted data'} reaches ${flow.sinkLabel} in \`${sinkText}\` through a call from ${caller.path} (cross-module flow).`,
    location: { path: sinkTask.path, startLine: n.lineno, startColumn: n.col_offset, endLine: n.end_lineno, endColumn: n.end_col_offset },
    snippet: snippetAt(l.lines, n.lineno, Math.min(n.end_lineno, n.lineno + 4)),
    fix: rule.docs.instead,
    fingerprint: '',
    trace,
    properties: { origin: flow.origin, interprocedural: true, crossModule: true },
  };
  // One finding per place: into the pattern finding at the sink, or beside the others.
  const within = (p: Finding) =>
    p.location.startLine <= n.lineno && p.location.endLine >= n.end_lineno && (p.location.startLine < n.lineno || p.location.startColumn <= n.col_offset);
  const contains = (p: Finding) =>
    p.location.startLine >= n.lineno && p.location.endLine <= n.end_lineno;
  const pattern = target.findings.find((p) => TRIAGE_RULES.get(p.ruleId)?.flows.includes(rule.id) && (within(p) || contains(p)));
  if (pattern) {
    mergeFlow(pattern, finding);
    if (pattern.status === 'dismissed') delete pattern.status;
    return;
  }
  if (target.findings.some((p) => p.ruleId === rule.id && p.location.startLine === n.lineno && p.location.startColumn === n.col_offset)) return;
  target.findings.push(finding);
  assignFingerprints(target.findings, (x) => l.lines[x.location.startLine - 1] ?? '');
  redactSnippets(target.findings);
}
