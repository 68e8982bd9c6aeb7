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
import { createHash } from 'node:crypto';
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
import type { ParamGuard } from '../taint/guards.js';
import { TaintAnalysis, type ExternalCallee, type ExternalResolver, type ExternalUse, type Flow, type TaintFacts } from '../taint/engine.js';
import { FLOW_RULE_IDS, flowRating, LOCAL_SOURCE_RULES, remoteFlowsOf, traceOf } from '../taint/index.js';
import { IMPORT_RULES, mergeFlow, TRIAGE_RULES } from '../taint/triage.js';
import { callArgsAfterAnalysis, runCodeRules, statementLines, type AnalyzeOptions, type FileTask } from './analyze.js';
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
const REASONED = new Set(CODE_RULES.map((r) => r.id).filter((id) => FLOW_RULE_IDS.has(id) || TRIAGE_RULES.has(id) || IMPORT_RULES.has(id)));
const RULES = new Map(CODE_RULES.map((r) => [r.id, r]));

/** The dotted module name of a Python file (`pkg.mod`, `pkg` for its `__init__.py`, the stem outside packages). */
export function moduleNameOf(task: Pick<FileTask, 'absPath' | 'packageName'>): string {
  const stem = path.basename(task.absPath).replace(/\.pyw?$/, '');
  if (!task.packageName) return stem;
  return stem === '__init__' ? task.packageName : `${task.packageName}.${stem}`;
}

/** What a second look at callers needs: the project's Python files and their per-file data-flow facts (plain data: it crosses the worker boundary). */
export interface CrossModuleProject {
  /** Distinguishes one scan's project from another's (a worker keeps the files it loaded for the same id). */
  id: string;
  /** The distinct per-file options (most files share one: it is copied to a worker once, not once per file). */
  options: AnalyzeOptions[];
  /** The Python files, each with the index of its options in `options`. */
  files: (Omit<FileTask, 'options'> & { options: number })[];
  facts: Record<string, TaintFacts>;
  /**
   * The files' text by display path, when they are not to be read from disk: a merge of
   * shards (pipeline/shard.ts) has no checkout, and gives the text its shards recorded
   * (decoded, universal newlines, every secret masked). A file missing here is unreadable.
   */
  sources?: ReadonlyMap<string, string>;
}

/** The project's files as tasks again, sharing their options objects. */
function tasksOf(project: CrossModuleProject): FileTask[] {
  return project.files.map((f) => ({ ...f, options: project.options[f.options] }));
}

/** What the second look at one caller found: its new findings of the reasoned rules, and flows it reports at sinks in other modules. */
export interface CallerOutcome {
  path: string;
  /** The rules run again (their per-file findings are replaced by `findings`); absent when the per-file findings stand. */
  redone?: string[];
  findings?: Finding[];
  /** Flow findings whose sink lies in another module's file (`target`), fingerprinted and redacted. */
  remote: { target: string; finding: Finding }[];
  /**
   * The display paths of every file this outcome can depend on (the caller, the files it
   * loaded, the files whose facts were read, and those of the callee analyses it reused,
   * sorted): the result cache keeps the outcome while none of them changes.
   */
  deps?: string[];
  /**
   * The caller's calls by name with what their arguments held, seen by the second look (it
   * knows what the callees of other modules return): they replace the per-file ones that
   * settle pattern findings hinging on parameters (pipeline/constant-callers.ts).
   */
  callArgs?: NonNullable<TaintFacts['callArgs']>;
}

/**
 * The files a computation of the second look read (`paths`), and the callee analyses it
 * used (`refs`: what they read counts too, even what they read for another caller before,
 * since their summaries are shared).
 */
interface Deps {
  paths: Set<string>;
  refs: Set<Deps>;
}

const newDeps = (): Deps => ({ paths: new Set(), refs: new Set() });

/** Every file a set of dependencies reaches, through the callee analyses it used, sorted. */
function flattenDeps(d: Deps): string[] {
  const out = new Set<string>();
  const seen = new Set<Deps>();
  const stack = [d];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    for (const p of x.paths) out.add(p);
    for (const r of x.refs) stack.push(r);
  }
  return [...out].sort();
}

/** A memoised answer of {@link ProjectModules} and the files whose facts it read. */
type Memo = { v: boolean; deps: Set<string> } | 'pending';

/**
 * The project's modules and the resolution of qualified names over them, with the
 * decisions that keep the second look small: which calls matter, which callee files are
 * worth loading. Built from per-file facts alone (no parsing), on the main thread to choose
 * the callers and in each worker to analyse them.
 */
class ProjectModules {
  private readonly index = new Map<string, FileTask[]>();
  private readonly dirs = new Map<FileTask, string>();
  private readonly resolved = new Map<string, { task: FileTask; rest: string } | null>();
  private readonly fileMatters = new Map<string, Memo>();
  private readonly sourceCallers = new Map<string, Memo>();
  /**
   * The dependencies being collected (the second look's caller, and the callee analysis
   * whose lookup is running): every file read goes to each of them. Empty on the main thread.
   */
  readonly collectors: Deps[] = [];

  constructor(readonly tasks: readonly FileTask[], readonly facts: ReadonlyMap<string, TaintFacts>) {
    for (const t of tasks) {
      this.dirs.set(t, path.dirname(t.absPath));
      const m = moduleNameOf(t);
      const list = this.index.get(m);
      if (list) list.push(t);
      else this.index.set(m, [t]);
    }
  }

  /**
   * A file's facts, counted as read by every active collector. Every file the second look
   * loads is first asked about here (the resolver reads its facts before loading it).
   */
  factsOf(p: string): TaintFacts | undefined {
    for (const c of this.collectors) c.paths.add(p);
    return this.facts.get(p);
  }

  /**
   * A memoised answer; the files it read are kept with it and counted again on every hit
   * (the memo is shared by every caller of the worker). A key met again while it is being
   * computed answers false (not reached: every recursion here goes one level deeper).
   */
  private memo(table: Map<string, Memo>, key: string, compute: () => boolean): boolean {
    const got = table.get(key);
    if (got === 'pending') return false;
    if (got) {
      for (const c of this.collectors) for (const p of got.deps) c.paths.add(p);
      return got.v;
    }
    table.set(key, 'pending');
    const deps = newDeps();
    this.collectors.push(deps);
    let v = false;
    try {
      v = compute();
    } finally {
      this.collectors.pop();
    }
    table.set(key, { v, deps: deps.paths });
    return v;
  }

  /** The file and the name inside it that a qualified name stands for, seen from `from`. */
  resolve(q: string, from: FileTask): { task: FileTask; rest: string } | null {
    const dir = this.dirs.get(from) ?? path.dirname(from.absPath);
    const key = `${dir}\u0000${from.path}\u0000${q}`;
    const got = this.resolved.get(key);
    if (got !== undefined) return got;
    let out: { task: FileTask; rest: string } | null = null;
    // (`.storage.Store`: a relative import the file's package could not resolve; the module beside it is meant.)
    const parts = q.replace(/^\.+/, '').split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const cands = this.index.get(parts.slice(0, i).join('.'));
      if (!cands) continue;
      const task = cands.find((c) => this.dirs.get(c) === dir) ?? (cands.length === 1 ? cands[0] : cands.find((c) => c.packageName));
      if (task && task !== from) {
        out = { task, rest: parts.slice(i).join('.') };
        break;
      }
    }
    this.resolved.set(key, out);
    return out;
  }

  /**
   * A call matters when its callee returns untrusted data; when untrusted data goes in and the
   * callee reaches a sink, passes it on, or calls (in its file) something that matters in
   * turn, to the depth that chains are followed; when the callee returns only constants
   * and the call's result can reach a pattern finding of the caller whose verdict is still
   * unknown (`unknown`: the call is marked so in the caller's facts), or passes on to its
   * result the sanitised data the caller gives it (`cleaned`); or when a request
   * object goes in and the callee (a helper, a wrapper class) reads request data from it.
   * Local input only (`local`: command line, environment) is reported by a few sink kinds
   * alone ({@link LOCAL_SOURCE_RULES}): such a call matters when the callee reaches one of
   * them, checks the data, or passes it back where one may use it (`around`: the caller, or
   * a module of the chain, has such a sink, or the result reaches a pattern finding left
   * unknown).
   */
  matters(q: string, from: FileTask, src: boolean, unknown: boolean, depth = 1, req = false, local = false, around = true, cleaned = false): boolean {
    const r = this.resolve(q, from);
    if (!r) return false;
    const e = this.factsOf(r.task.path)?.exports[r.rest];
    // A method of what a factory makes (`create_thing.do` stands for `Thing.do`).
    const dot = r.rest.lastIndexOf('.');
    const made = !e && dot > 0 ? this.madeBy({ task: r.task, rest: r.rest.slice(0, dot) }) : null;
    if (made && depth < MAX_DEPTH) return this.matters(`${made}${r.rest.slice(dot)}`, from, src, unknown, depth + 1, req, local, around, cleaned);
    // (A predicate function checking untrusted data may validate it on the caller's path; a
    // check of local input still matters: it may settle a pattern finding it reaches.)
    const given = src && (local ? e?.sinksLocal || e?.guards || (e?.pass && around) : e?.sinks || e?.pass || e?.guards);
    // (A validated model's typed fields, a table of constants, or a callee that passes on the
    // sanitised data it is given — numbers in, numbers out — may settle a pattern finding left unknown.)
    if (e && (e.src || given || (unknown && (e.lit || e.typed || (cleaned && e.pass))) || (req && e.req))) return true;
    if (unknown && !e && this.factsOf(r.task.path)?.tables?.includes(r.rest)) return true;
    // Deeper only through a callee that passes an argument on to the project's own code.
    if (!src || depth >= MAX_DEPTH || !e?.fwd) return false;
    const deeper = local && (around || !!this.factsOf(r.task.path)?.localSinks);
    return this.memo(this.fileMatters, `${depth}:${local ? (deeper ? 'l+' : 'l-') : ''}:${r.task.path}`, () =>
      (this.factsOf(r.task.path)?.calls ?? []).some((c) => this.matters(c.callee, r.task, true, false, depth + 1, false, local, local ? deeper : true)),
    );
  }

  /** The class a factory (`rest` in its file) makes, qualified so that it resolves from anywhere; null when it is not one. */
  madeBy(r: { task: FileTask; rest: string }): string | null {
    const make = this.factsOf(r.task.path)?.exports[r.rest]?.make;
    if (!make) return null;
    return make.includes('.') ? make : `${moduleNameOf(r.task)}.${make}`;
  }

  /**
   * Whether analysing a callee can change what the caller needs (otherwise its file is not
   * parsed again). Its per-file summary flags say what it does alone; what it calls in turn
   * may add a returned source (or, with untrusted arguments, a sink or a pass-through).
   */
  worthLoading(r: { task: FileTask; rest: string }, use: ExternalUse, depth: number): boolean {
    const e = this.factsOf(r.task.path)?.exports[r.rest];
    if (use.kind === 'constants') return !!e?.lit;
    const deeper = () => depth < MAX_DEPTH && !!e?.fwd && (this.factsOf(r.task.path)?.calls ?? []).some((c) => this.matters(c.callee, r.task, true, false, depth + 1));
    // Only a class's own entry: a function's file is never worth loading to learn whether a name is a class.
    if (use.kind === 'class') return !!e?.cls;
    if (use.kind === 'factory') return false; // answered from the facts (see madeBy)
    if (e?.src || (use.req && e?.req)) return true;
    // A method of a class whose methods use what its constructor was given: the instance may hold untrusted data.
    const dot = r.rest.indexOf('.');
    const cls = dot > 0 ? this.factsOf(r.task.path)?.exports[r.rest.slice(0, dot)] : undefined;
    if (use.tainted) return !!(e?.pass || e?.sinks || cls?.sinks || cls?.pass) || deeper();
    return this.reachesSource(r.task, depth);
  }

  /** Whether a file calls, within the depth left, a project function that returns request data. */
  private reachesSource(t: FileTask, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false;
    return this.memo(this.sourceCallers, `${depth}:${t.path}`, () =>
      (this.factsOf(t.path)?.calls ?? []).some((c) => {
        const r = this.resolve(c.callee, t);
        return !!r && (!!this.factsOf(r.task.path)?.exports[r.rest]?.src || this.reachesSource(r.task, depth + 1));
      }),
    );
  }

  /** The files worth a second look: those with a call that matters (in task order, at most {@link MAX_CALLERS}). */
  callers(): FileTask[] {
    const out: FileTask[] = [];
    for (const t of this.tasks) {
      const f = this.facts.get(t.path);
      if (!f || !f.calls.some((c) => this.matters(c.callee, t, !!c.src, !!c.unknown, 1, !!c.req, !!c.local, !!c.unknown || !!f.localSinks, !!c.cleaned))) continue;
      out.push(t);
      if (out.length >= MAX_CALLERS) break;
    }
    return out;
  }
}

/**
 * The cross-module step's input: the Python files that have results, their facts, and the
 * callers worth a second look.
 */
export function planCrossModule(tasks: readonly FileTask[], results: readonly FileResult[]): { project: CrossModuleProject; callers: string[] } {
  const byPath = new Set(results.map((r) => r.path));
  const pyTasks = tasks.filter((t) => (t.kind === 'python' || t.kind === 'setup-py') && byPath.has(t.path));
  const facts: Record<string, TaintFacts> = {};
  // Only what the plan and the callers' second look read: the project goes to every slice of
  // every thread, and the constant-caller facts (callArgs, refs, hinges) are most of the facts' size.
  for (const r of results) if (r.taint) facts[r.path] = { exports: r.taint.exports, calls: r.taint.calls, ...(r.taint.localSinks ? { localSinks: true as const } : {}), ...(r.taint.tables ? { tables: r.taint.tables } : {}) };
  const modules = new ProjectModules(pyTasks, new Map(Object.entries(facts)));
  const callers = modules.callers();
  if (!callers.length) return { project: { id: '', options: [], files: [], facts: {} }, callers: [] };
  const options: AnalyzeOptions[] = [];
  const seen = new Map<string, number>();
  const files = pyTasks.map(({ options: o, ...rest }) => {
    const key = JSON.stringify(o);
    let i = seen.get(key);
    if (i === undefined) {
      seen.set(key, (i = options.length));
      options.push(o);
    }
    return { ...rest, options: i };
  });
  return { project: { id: `${process.pid}:${Date.now()}:${Math.random()}`, options, files, facts }, callers: callers.map((t) => t.path) };
}

/** One worker's state for the project it last analysed: the modules, the files loaded and the callee analyses (shared by its callers, as a single pass would share them). */
let workerState: {
  id: string;
  modules: ProjectModules;
  byPath: Map<string, FileTask>;
  loaded: Map<string, Loaded | null>;
  loadedChars: number;
  calleeAnalyses: Map<string, TaintAnalysis>;
  /** What each callee analysis read so far (same keys as `calleeAnalyses`). */
  calleeDeps: Map<string, Deps>;
} | null = null;
/**
 * Once the files a thread keeps loaded hold more source than this (UTF-16 units), they and
 * the callee analyses are dropped after the current caller: a loaded file costs about 30
 * bytes of heap per character of source (its AST, semantic model and lines), so keeping every
 * callee of the project grew each thread's heap by ~100 MB on the standard library.
 * Callers sharing callees are neighbours (contiguous slices), so most reuse stays.
 */
const LOADED_SOURCE_BUDGET = 1_000_000;

/** Drop the files and analyses kept for the last project (in-process runs call it when done). */
export function releaseCallers(): void {
  workerState = null;
}

/**
 * The second look at `callers` (display paths), with the callees' summaries: runs in a
 * worker (or in-process). Loads and parses each caller and the callees that can change it;
 * files that cannot be read now keep their per-file findings.
 */
export async function analyzeCallers(project: CrossModuleProject, callers: readonly string[]): Promise<CallerOutcome[]> {
  if (workerState?.id !== project.id || !project.id) {
    const tasks = tasksOf(project);
    workerState = {
      id: project.id,
      modules: new ProjectModules(tasks, new Map(Object.entries(project.facts))),
      byPath: new Map(tasks.map((t) => [t.path, t])),
      loaded: new Map(),
      loadedChars: 0,
      calleeAnalyses: new Map(),
      calleeDeps: new Map(),
    };
  }
  const state = workerState;
  const { modules, byPath, loaded, calleeAnalyses, calleeDeps } = state;
  const load = (t: FileTask): Loaded | null => {
    if (loaded.has(t.path)) return loaded.get(t.path)!;
    let l: Loaded | null = null;
    try {
      const given = project.sources;
      const text = given ? given.get(t.path) : universalNewlines(decodePython(readFileSync(t.absPath)).text);
      if (text === undefined) throw new Error('not recorded');
      const lines = splitLines(text);
      const parsed = parsePython(text);
      linkParents(parsed.module);
      const semantic = new SemanticModel(parsed.module, t.packageName);
      l = { task: t, text, lines, parsed, semantic, suppressions: t.options.ignoreNosec ? noSuppressions() : readSuppressions(parsed.comments) };
    } catch {
      l = null; // unreadable now: the per-file findings stand
    }
    loaded.set(t.path, l);
    if (l) state.loadedChars += l.text.length;
    return l;
  };
  // Callee analyses, one per file and depth (their own calls resolved one level deeper).
  // `deps` collects what the lookups read (the caller's, or the callee analysis's own).
  const resolverFor = (from: FileTask, depth: number, deps: Deps): ExternalResolver => ({
    lookup(q: string, use?: ExternalUse): ExternalCallee | null {
      modules.collectors.push(deps);
      try {
        return lookup(q, from, depth, use);
      } finally {
        modules.collectors.pop();
      }
    },
    // From the facts: the predicate's, the model's or the table's file is not parsed.
    guards: (q: string): readonly ParamGuard[] | null => factsFor(q, from, deps)?.export?.guards ?? null,
    typedFields: (q: string): readonly string[] | null => factsFor(q, from, deps)?.export?.typed ?? null,
    constantTable: (q: string): boolean | null => factsFor(q, from, deps)?.table ?? null,
  });
  /** What the facts say of a qualified name, seen from `from`: its export entry, and whether it is a table of constants (what it reads goes in `deps`); null when it does not resolve. */
  const factsFor = (q: string, from: FileTask, deps: Deps): { export: TaintFacts['exports'][string] | undefined; table: boolean } | null => {
    const r = modules.resolve(q, from);
    if (!r) return null;
    modules.collectors.push(deps);
    try {
      const facts = modules.factsOf(r.task.path);
      return { export: facts?.exports[r.rest], table: !!facts?.tables?.includes(r.rest) };
    } finally {
      modules.collectors.pop();
    }
  };
  const lookup = (q: string, from: FileTask, depth: number, use?: ExternalUse): ExternalCallee | null => {
    const r = modules.resolve(q, from);
    if (!r) return null;
    if (use?.kind === 'factory') {
      // The class a factory makes is in its facts: nothing to parse.
      const cls = modules.madeBy(r);
      return cls ? { kind: 'class', fn: null, name: r.rest, path: r.task.path, analysis: null, offset: 1, cls } : null;
    }
    if (use && !modules.worthLoading(r, use, depth)) return null;
    // A class whose constructor gets no request object: its plain constructor summary keeps
    // a request in a field only when the facts say it reads or keeps request data. Without
    // that, the caller learns only that it is a class (the type of its instances), which
    // the facts tell without parsing the file.
    // (With untrusted arguments, a class whose methods reach a sink with, or return, the
    // fields its constructor fills is analysed: its entry in the facts says `sinks`/`pass`.)
    const classFacts = modules.factsOf(r.task.path)?.exports;
    if (use?.kind === 'class' && !use.req && !classFacts?.[`${r.rest}.__init__`]?.req && !(use.tainted && (classFacts?.[r.rest]?.sinks || classFacts?.[r.rest]?.pass))) {
      return { kind: 'class', fn: null, name: r.rest, path: r.task.path, analysis: null, offset: 1, cls: q };
    }
    const l = load(r.task);
    if (!l) return null;
    const key = `${depth}:${r.task.path}`;
    let analysis = calleeAnalyses.get(key);
    let deps = calleeDeps.get(key);
    if (!analysis || !deps) {
      analysis = new TaintAnalysis(l.parsed.module, l.semantic, l.lines);
      deps = newDeps();
      deps.paths.add(r.task.path);
      if (depth < MAX_DEPTH) analysis.external = resolverFor(r.task, depth + 1, deps);
      calleeAnalyses.set(key, analysis);
      calleeDeps.set(key, deps);
    }
    // Whoever uses the analysis depends on all it read, before and after (its summaries are shared).
    for (const c of modules.collectors) if (c !== deps) c.refs.add(deps);
    return findCallee(l.parsed.module, r.rest, q, r.task.path, analysis);
  };

  /** A second look at one caller, with the callees' summaries; null keeps its per-file findings (unreadable now, or the analysis failed). */
  const secondLook = (t: FileTask, deps: Deps): CallerOutcome | null => {
    const l = load(t);
    if (!l) return null;
    // Only the rules whose findings depend on data flow run again: data-flow rules and the
    // pattern rules triage judges (their verdicts may change); the others' findings stand.
    const again = t.options.enabledRules.filter((id) => REASONED.has(id));
    const fresh: Pick<FileResult, 'findings'> = { findings: [] };
    try {
      runCodeRules({ path: t.path, options: { ...t.options, enabledRules: again } }, l.text, l.lines, l.parsed, l.semantic, l.suppressions, fresh, resolverFor(t, 1, deps));
    } catch {
      return null;
    }
    assignFingerprints(fresh.findings, (x) => l.lines[x.location.startLine - 1] ?? '');
    redactSnippets(fresh.findings);
    const remote: CallerOutcome['remote'] = [];
    for (const flow of remoteFlowsOf(l.parsed.module)) {
      const sinkTask = flow.path ? byPath.get(flow.path) : undefined;
      const finding = sinkTask && remoteFinding(flow, t, sinkTask, load);
      if (finding) remote.push({ target: sinkTask.path, finding });
    }
    const callArgs = t.options.triage !== false && t.options.localModules ? callArgsAfterAnalysis(l.parsed.module, l.semantic, t.options.localModules) : undefined;
    return { path: t.path, redone: again, findings: fresh.findings, remote, ...(callArgs?.length ? { callArgs } : {}) };
  };

  const out: CallerOutcome[] = [];
  for (const p of callers) {
    // Let the event loop turn between callers: tree-sitter frees a parse tree's native
    // memory in a finalizer queued there, so a long synchronous slice kept every tree it
    // parsed (about 22 bytes per character of source) until its end.
    await new Promise((r) => setImmediate(r));
    const t = byPath.get(p);
    if (!t) continue;
    const deps = newDeps();
    modules.collectors.push(deps);
    try {
      const o = secondLook(t, deps);
      if (o) out.push({ ...o, deps: flattenDeps(deps) });
    } finally {
      modules.collectors.pop();
    }
    if (state.loadedChars > LOADED_SOURCE_BUDGET) {
      loaded.clear();
      calleeAnalyses.clear();
      calleeDeps.clear();
      state.loadedChars = 0;
    }
  }
  return out;
}


/**
 * Put the second look's outcomes into the results, in caller order: each caller's reasoned
 * rules' findings are replaced, and flows with a sink in another module are reported at
 * that sink (merged into the pattern finding there when there is one).
 */
export function applyCrossModule(results: readonly FileResult[], outcomes: readonly CallerOutcome[]): void {
  const byPath = new Map(results.map((r) => [r.path, r]));
  for (const o of outcomes) {
    const result = byPath.get(o.path);
    if (!result) continue;
    if (o.findings && o.redone) {
      const redone = new Set(o.redone);
      result.findings = [...o.findings, ...result.findings.filter((x) => !redone.has(x.ruleId))];
    }
    if (o.callArgs && result.taint) result.taint.callArgs = o.callArgs;
    for (const { target, finding } of o.remote) {
      const r = byPath.get(target);
      if (r) mergeRemote(r, finding);
    }
  }
}

/**
 * Find cross-module flows and update the results in place: files that call into functions
 * of other modules that matter are analysed again with those functions' summaries (their
 * code findings replaced: local flows through the callees, and triage verdicts that now
 * know what the callees return), and flows whose sink lies in another module are reported
 * at that sink (merged into the pattern finding there when there is one). `run` analyses
 * callers elsewhere (the worker pool); by default in-process.
 * Returns how many files were analysed again.
 */
export async function crossModuleFlows(
  tasks: readonly FileTask[],
  results: FileResult[],
  run: (project: CrossModuleProject, callers: string[]) => Promise<CallerOutcome[]> = (p, c) => {
    return analyzeCallers(p, c).finally(releaseCallers);
  },
  looks?: SecondLookCache,
): Promise<number> {
  const { project, callers } = planCrossModule(tasks, results);
  if (!callers.length) return 0;
  // Callers whose second look is cached (none of the files it depended on changed) are not looked at again.
  const projectKey = looks ? projectKeyOf(project) : '';
  const cached = new Map<string, CallerOutcome>();
  for (const c of callers) {
    const o = looks?.readLook(c, projectKey);
    if (o) cached.set(c, o);
  }
  const fresh = cached.size < callers.length ? await run(project, callers.filter((c) => !cached.has(c))) : [];
  if (looks) {
    for (const o of fresh) looks.writeLook(projectKey, o);
    looks.finishLooks();
  }
  const byCaller = new Map([...cached, ...fresh.map((o) => [o.path, o] as const)]);
  applyCrossModule(
    results,
    callers.flatMap((c) => byCaller.get(c) ?? []),
  );
  return callers.length;
}

/** Where the cross-module step keeps its callers' outcomes between scans (the result cache, pipeline/cache.ts). */
export interface SecondLookCache {
  readLook(caller: string, projectKey: string): CallerOutcome | undefined;
  writeLook(projectKey: string, outcome: CallerOutcome): void;
  finishLooks(): void;
}

/**
 * What name resolution across the project depends on, hashed: the Python files' display
 * paths and packages. Adding, removing or moving a module can change what any call resolves
 * to, so every cached second look is then taken again.
 */
function projectKeyOf(project: CrossModuleProject): string {
  return createHash('sha256')
    .update(JSON.stringify(project.files.map((f) => [f.path, f.packageName ?? null, f.kind])))
    .digest('hex');
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
        const init = methods.find((m) => m.name === '__init__') ?? null;
        return { kind: 'class', fn: init, name: s.name, path: file, analysis, offset: 1, cls: q, ...(init ? {} : { classDef: s }) };
      }
      const m = methods.find((x) => x.name === second);
      return m ? { kind: 'function', fn: m, name: `${s.name}.${m.name}`, path: file, analysis, offset: 1 } : null;
    }
  }
  return null;
}

/** The finding of a flow whose sink lies in another module (`sinkTask`), or null when the rule is off there, the sink is suppressed or the file is unreadable. */
function remoteFinding(flow: Flow, caller: FileTask, sinkTask: FileTask, load: (t: FileTask) => Loaded | null): Finding | null {
  const rule = RULES.get(flow.rule);
  if (!rule) return null;
  if ((flow.origin === 'cli' || flow.origin === 'env') && !LOCAL_SOURCE_RULES.has(flow.rule)) return null;
  if (!sinkTask.options.enabledRules.includes(flow.rule)) return null;
  const l = load(sinkTask);
  if (!l) return null;
  const n = flow.node;
  const [from, to] = statementLines(n);
  if (isSuppressed(l.suppressions, rule.id, rule.name, from, to)) return null;
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
  assignFingerprints([finding], (x) => l.lines[x.location.startLine - 1] ?? '');
  redactSnippets([finding]);
  return finding;
}

/** Report a cross-module flow finding in its sink's file: one finding per place, merged into the pattern finding at the sink, or beside the others. */
function mergeRemote(target: FileResult, finding: Finding): void {
  const n = finding.location;
  const within = (p: Finding) =>
    p.location.startLine <= n.startLine && p.location.endLine >= n.endLine && (p.location.startLine < n.startLine || p.location.startColumn <= n.startColumn);
  const contains = (p: Finding) => p.location.startLine >= n.startLine && p.location.endLine <= n.endLine;
  const pattern = target.findings.find((p) => TRIAGE_RULES.get(p.ruleId)?.flows.includes(finding.ruleId) && (within(p) || contains(p)));
  if (pattern) {
    // (A safe configuration settles the place whatever reaches it, as in one module: `yaml.load(s, Loader=SAFE)`.)
    if (pattern.verdict?.kind === 'safe-configuration') return;
    mergeFlow(pattern, finding);
    if (pattern.status === 'dismissed') delete pattern.status;
    return;
  }
  if (target.findings.some((p) => p.ruleId === finding.ruleId && p.location.startLine === n.startLine && p.location.startColumn === n.startColumn)) return;
  target.findings.push(finding);
}
