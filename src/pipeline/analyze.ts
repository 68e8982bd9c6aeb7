/**
 * The per-file pipeline, run in a worker thread (or in-process for small scans):
 * read → decode (PEP 263) → parse once → semantic model → one walk dispatching nodes
 * to the rules → secrets, egress, metrics → a plain, serialisable FileResult.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Autofix, Finding } from '../core/finding.js';
import { autofixFor, hasFixer, type FixSite } from '../fix/fixers.js';
import type { SuppressionMarker } from '../core/suppress.js';
import type { FileResult } from '../report/model.js';
import type { FileDiagnostic, FileKind } from '../core/file.js';
import type * as A from '../python/ast.js';
import { parsePython } from '../python/parse.js';
import { SemanticModel } from '../python/semantic.js';
import { linkParents, pushChildrenReversed } from '../python/visit.js';
import { decodePython, decodeText, looksBinary, universalNewlines } from '../core/decode.js';
import { scanSecrets } from './secrets.js';
import { maskSecret } from '../core/mask.js';
import { analyzeEgress } from '../egress/index.js';
import { collectRoutes } from '../posture/routes.js';
import { pythonSigns } from '../posture/index.js';
import { computeFileMetrics } from '../metrics/index.js';
import { CODE_RULES } from '../rules/index.js';
import type { CodeRule, ReportOptions, RuleContext } from '../core/rule.js';
import { isSuppressed, noSuppressions, readSuppressions, readTextSuppressions, suppressionFor, type Suppressions } from '../core/suppress.js';
import { snippetAt, splitLines } from '../core/snippet.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { redactSnippets } from '../core/redact.js';
import { analysisOf, configureModule, literalArgsOf, noteUnknownCallees, requestObservations, taintFactsOf, unknownCalleesOf, withUnknownCallees } from '../taint/index.js';
import type { ExternalResolver, TaintFacts } from '../taint/engine.js';
import { redactDeep, redactText } from '../secrets/redact-text.js';
import { hingesOf, observationTargets, triageFindings } from '../taint/triage.js';
import { callArgsOf, constantTables, type Hinge } from '../taint/callers.js';
import { setProjectModels, type ProjectTaintModels } from '../taint/models/project.js';
import { notebookModule, remapToNotebook } from './notebook.js';

/** Which analyses run (the CLI's subcommands select a subset). */
import type { Analysis } from './analyses.js';
export type { Analysis };

/** Serialisable per-file options (they cross the worker boundary). */
export interface FileTask {
  absPath: string;
  /** Path shown in findings: relative to the scan root, with `/`. */
  path: string;
  kind: FileKind;
  /** Dotted package of a Python file, for relative imports ('' if unknown). */
  packageName: string;
  options: AnalyzeOptions;
}

export interface AnalyzeOptions {
  analyses: Analysis[];
  /** Rule ids enabled for this file (after select/ignore/per-path ignores). */
  enabledRules: string[];
  /** Per-rule options: ruleId → option name → value. */
  ruleOptions: Record<string, Record<string, unknown>>;
  ignoreNosec: boolean;
  /**
   * Run the reasoning layer (default true): pattern findings get a verdict, those judged
   * safe are dismissed, and data-flow findings merge into the pattern finding at the same
   * place. `false` (`--no-triage`) reports the pattern findings as bandit does.
   */
  triage?: boolean;
  /**
   * Top-level names of the project's own modules: each Python file then reports its calls
   * into them and what its functions pass on (`FileResult.taint`), for cross-module flows.
   */
  localModules?: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** The project's own taint sources, sinks and sanitizers (`[tool.krait.taint]`), as plain data. */
  taintModels?: ProjectTaintModels;
  /**
   * Wall-clock milliseconds one file may take (default {@link DEFAULT_FILE_TIME_BUDGET_MS}).
   * Past it the analyses not yet run (or the rest of the rule walk) are left out and the file
   * gets a `partial` diagnostic naming them; the scan goes on.
   */
  timeBudgetMs?: number;
}

/** Default per-file time budget: 180 s (the slowest standard-library file takes under 2 s alone; the margin covers loaded machines). */
export const DEFAULT_FILE_TIME_BUDGET_MS = 180_000;

/** The per-file deadline (epoch ms) and what was left out once it passed. */
interface Budget {
  deadline: number;
  ms: number;
  skipped: string[];
}

/** True (and `what` recorded as left out) when the budget is spent. */
function spent(b: Budget, what: string): boolean {
  if (b.skipped.length || Date.now() >= b.deadline) {
    b.skipped.push(what);
    return true;
  }
  return false;
}

const PYTHON_KINDS = new Set<FileKind>(['python', 'setup-py']);

/** Analyse one file. Never throws for bad input: problems become diagnostics or `skipped`. */
export function analyzeFile(task: FileTask): FileResult {
  const started = Date.now();
  const result: FileResult = { path: task.path, kind: task.kind, findings: [], diagnostics: [] };
  let bytes: Buffer;
  try {
    const st = statSync(task.absPath);
    if (st.size > task.options.maxFileSize) {
      result.skipped = `larger than the size limit (${st.size} bytes > ${task.options.maxFileSize}; raise it with --max-file-size)`;
      return redactResult(result);
    }
    bytes = readFileSync(task.absPath);
  } catch (err) {
    result.skipped = `cannot be read: ${(err as Error).message.split('\n')[0]}`;
    return redactResult(result);
  }
  const isPython = PYTHON_KINDS.has(task.kind);
  const hasBom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!hasBom && looksBinary(bytes)) {
    result.skipped = 'binary file (contains NUL bytes)';
    return redactResult(result);
  }
  const decoded = isPython ? decodePython(bytes) : decodeText(bytes);
  if (decoded.problem) result.diagnostics.push({ path: task.path, kind: 'decode-error', message: decoded.problem });
  // CPython's universal newlines: every analysis sees `\n` line ends and CPython's line numbers.
  const text = universalNewlines(decoded.text);
  const lines = splitLines(text);
  const analyses = new Set(task.options.analyses);
  const ms = task.options.timeBudgetMs ?? DEFAULT_FILE_TIME_BUDGET_MS;
  const budget: Budget = { deadline: started + ms, ms, skipped: [] };
  try {
    if (isPython) analyzePython(task, text, lines, analyses, result, budget);
    else {
      if (analyses.has('secrets') && !spent(budget, 'secrets')) {
        const found = scanSecrets({ path: task.path, kind: task.kind, text, lines });
        const sup = task.options.ignoreNosec ? noSuppressions() : readTextSuppressions(lines);
        keepSecrets(found, sup, task.options.ignoreNosec, result);
      }
      if (task.kind === 'notebook') analyzeNotebook(task, text, lines, analyses, result, budget);
    }
  } catch (err) {
    // A bug of ours on one file must not stop the scan; say so clearly.
    result.diagnostics.push({ path: task.path, kind: 'parse-error', message: `internal error while analysing: ${(err as Error).message}` });
  }
  if (budget.skipped.length) {
    result.diagnostics.push({
      path: task.path,
      kind: 'partial',
      message: `partly analysed: the per-file time budget (${ms} ms) ran out; not done: ${budget.skipped.join(', ')}`,
    });
  }
  const all = result.suppressed ? [...result.findings, ...result.suppressed] : result.findings;
  // A file inside an archive (`pkg.whl!/mod.py`) is never rewritten by `krait fix`: its
  // findings carry no fix, so no report says "fix available" for them.
  if (task.path.includes('!/')) for (const f of all) delete f.autofix;
  assignFingerprints(all, (f) => lines[f.location.startLine - 1] ?? '');
  redactSnippets(all);
  // Nothing leaves the worker holding a secret: every string of the result (messages,
  // snippets, fixes, properties, traces, diagnostics, egress, routes, metrics) is redacted.
  return redactResult(result);
}

/**
 * {@link redactDeep} over a file's result, except two internal fields that never reach a
 * report: `path` (the key the project pass joins results on; the report's paths are
 * redacted at the end of the scan) and `taint` (summaries the cross-module pass reads).
 */
function redactResult(result: FileResult): FileResult {
  const r = result as unknown as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (k === 'path' || k === 'taint') continue;
    const v = r[k];
    r[k] = typeof v === 'string' ? redactText(v) : redactDeep(v);
  }
  return result;
}

/**
 * The code rules over one parsed module, then the reasoning layer's triage of their
 * findings (unless `--no-triage`). `external` resolves calls into other modules (the
 * project pass's second look at a file). Past `deadline` (epoch ms) the rule walk stops
 * and triage is not run; returns false then.
 */
export function runCodeRules(
  task: Pick<FileTask, 'path' | 'options'>,
  text: string,
  lines: string[],
  parsed: ReturnType<typeof parsePython>,
  semantic: SemanticModel,
  suppressions: Suppressions,
  result: Pick<FileResult, 'findings' | 'suppressed'>,
  external?: ExternalResolver,
  deadline = Infinity,
): boolean {
  const nodes = new Map<Finding, A.AnyNode>();
  const triage = task.options.triage !== false;
  if (external) configureModule(parsed.module, { external, ...(task.options.localModules ? { localModules: localModuleSet(task.options.localModules) } : {}) });
  const complete = runRules(task, text, lines, parsed.module, semantic, suppressions, result.findings, parsed.comments, triage ? nodes : undefined, deadline, (result.suppressed ??= []));
  if (result.suppressed.length === 0) delete result.suppressed;
  if (complete && triage && nodes.size && Date.now() < deadline) {
    const ctx = { semantic, lines, source: text };
    const analysis = analysisOf(parsed.module, ctx, observationTargets(result.findings, nodes, semantic));
    result.findings = triageFindings({
      findings: result.findings, nodes, semantic, lines, source: text, path: task.path, analysis,
      isSuppressed: (id, from, to) => isSuppressed(suppressions, id, '', from, to),
    });
    noteUnknownCallees(parsed.module, analysis, result.findings, nodes);
    hinges.set(parsed.module, hingesOf(result.findings, nodes, semantic, analysis));
  }
  return complete;
}

/** The set of each `localModules` list (the files of a batch share one options object: built once per batch, not once per file). */
const localModuleSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function localModuleSet(names: readonly string[]): ReadonlySet<string> {
  let set = localModuleSets.get(names);
  if (!set) localModuleSets.set(names, (set = new Set(names)));
  return set;
}

/** Per module: the pattern findings triage left `unknown` that hinge on their function's parameters. */
const hinges = new WeakMap<A.Module, Hinge[]>();

/**
 * The module's calls by name with what their arguments held (see taint/callers.ts), as the
 * module's last analysis saw them: after the second look, that analysis knew what the
 * project's other modules return (`name = require_name(raw)`, a validator of another module).
 */
export function callArgsAfterAnalysis(module: A.Module, semantic: SemanticModel, localModules: readonly string[]): NonNullable<TaintFacts['callArgs']> {
  return callArgsOf(module, semantic, localModuleSet(localModules), literalArgsOf(module)).calls;
}

/** The facts with what settles findings that hinge on parameters: those findings, and the module's calls by name with their constant arguments (see taint/callers.ts). */
function withCallFacts(facts: TaintFacts, module: A.Module, semantic: SemanticModel, localModules: readonly string[]): TaintFacts {
  const { calls, refs, unrecorded, bare } = callArgsOf(module, semantic, localModuleSet(localModules), literalArgsOf(module));
  const h = hinges.get(module);
  const tables = constantTables(module, semantic);
  return {
    ...facts,
    ...(h?.length ? { hinges: h } : {}),
    ...(calls.length ? { callArgs: calls } : {}),
    ...(refs.length ? { refs } : {}),
    ...(unrecorded.length ? { unrecordedCalls: unrecorded } : {}),
    ...(bare.length ? { bareCalls: bare } : {}),
    ...(tables.length ? { tables } : {}),
  };
}

/**
 * A notebook's code cells through the code analyses (secrets are scanned over the whole
 * notebook by the caller): joined into one module, analysed as Python, every line mapped
 * back to the .ipynb file (pipeline/notebook.ts); IPython shell commands are KR146.
 */
function analyzeNotebook(task: FileTask, text: string, fileLines: string[], analyses: Set<Analysis>, result: FileResult, budget: Budget): void {
  const code = new Set([...analyses].filter((a) => a !== 'secrets'));
  if (!code.size) return;
  const nb = notebookModule(text, task.path);
  if (!nb) {
    result.diagnostics.push({ path: task.path, kind: 'parse-error', message: 'not a notebook (no JSON object with a "cells" list); its code was not analysed' });
    return;
  }
  const inner: FileResult = { path: task.path, kind: task.kind, findings: [], diagnostics: [] };
  analyzePython(task, nb.source, nb.lines, code, inner, budget);
  remapToNotebook(nb, inner, fileLines);
  result.findings.push(...inner.findings);
  result.diagnostics.push(...inner.diagnostics);
  if (inner.imports) result.imports = inner.imports;
  if (inner.egress) result.egress = inner.egress;
  if (inner.metrics) result.metrics = inner.metrics;
  if (inner.routes) result.routes = inner.routes;
  if (code.has('rules') && task.options.enabledRules.includes('KR146')) {
    const sup = task.options.ignoreNosec ? noSuppressions() : readTextSuppressions(nb.originalLines);
    for (const f of nb.shell) {
      const at = nb.origins.findIndex((o) => o.cell === f.properties!['notebookCell'] && o.cellLine === f.properties!['notebookLine']) + 1;
      if (isSuppressed(sup, f.ruleId, f.ruleName, at, at)) continue;
      const jsonLine = fileLines[f.location.startLine - 1] ?? '';
      const col = jsonLine.indexOf('"') + 1;
      result.findings.push({ ...f, location: { ...f.location, startColumn: col, endColumn: Math.max(col, jsonLine.length) } });
    }
  }
}

/** Mark a finding as silenced by a comment (status `suppressed`, with what silenced it). */
export function markSuppressed(f: Finding, c: Pick<SuppressionMarker, 'kind' | 'text' | 'justification'>): Finding {
  f.status = 'suppressed';
  f.suppression = { by: c.kind, comment: c.text, ...(c.justification ? { justification: c.justification } : {}) };
  return f;
}

/** Sort the secrets of one file into active and suppressed (kept, marked) findings. */
function keepSecrets(found: ReturnType<typeof scanSecrets>, sup: Suppressions, ignoreNosec: boolean, result: FileResult): void {
  for (const f of found.findings) {
    const c = suppressionFor(sup, f.ruleId, f.ruleName, f.location.startLine, f.location.endLine);
    if (c) (result.suppressed ??= []).push(markSuppressed(f, c));
    else result.findings.push(f);
  }
  for (const f of found.suppressed) {
    if (ignoreNosec) {
      delete f.properties?.['suppressedBy'];
      result.findings.push(f);
      continue;
    }
    const marker = f.properties?.['suppressedBy'];
    const by = typeof marker === 'string' ? marker : 'nosec';
    const comment = (f.properties?.['suppressionComment'] as SuppressionMarker | undefined) ?? { kind: by === 'pragma' ? 'pragma' : 'nosec', text: by === 'pragma' ? 'pragma: allowlist secret' : '# nosec' };
    if (by === 'allowlist') {
      f.status = 'suppressed';
      f.suppression = { by: 'allowlist' };
    } else markSuppressed(f, comment);
    if (f.properties) {
      delete f.properties['suppressedBy'];
      delete f.properties['suppressionComment'];
    }
    (result.suppressed ??= []).push(f);
  }
}

function analyzePython(task: FileTask, text: string, lines: string[], analyses: Set<Analysis>, result: FileResult, budget: Budget): void {
  if (spent(budget, 'parsing and every analysis')) return;
  const parsed = parsePython(text, { deadline: budget.deadline });
  if (parsed.timedOut) budget.skipped.push('the rest of the file after the part parsed in time');
  const diags: FileDiagnostic[] = result.diagnostics;
  for (const e of parsed.syntaxErrors) {
    diags.push({ path: task.path, kind: 'syntax-error', line: e.line, message: `syntax error at line ${e.line}: ${e.message}; the rest of the file was still analysed` });
  }
  if (parsed.tooDeep) {
    diags.push({ path: task.path, kind: 'too-deep', message: `nesting deeper than the supported depth; the innermost part was not analysed` });
  }
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module, task.packageName);
  const suppressions: Suppressions = task.options.ignoreNosec ? noSuppressions() : readSuppressions(parsed.comments);
  result.imports = semantic.imports.map((i) => (semantic.isOptionalImport(i.node) ? { module: i.module, line: i.line, optional: true } : { module: i.module, line: i.line }));
  if (analyses.has('rules') && !spent(budget, 'code rules')) {
    if (task.options.localModules?.length) configureModule(parsed.module, { localModules: localModuleSet(task.options.localModules) });
    if (!runCodeRules(task, text, lines, parsed, semantic, suppressions, result, undefined, budget.deadline)) budget.skipped.push('the rest of the code rules and triage');
    if (task.options.localModules?.length && !spent(budget, 'data-flow facts for other modules')) {
      result.taint = withCallFacts(withUnknownCallees(taintFactsOf(parsed.module, { semantic, lines, source: text }), unknownCalleesOf(parsed.module)), parsed.module, semantic, task.options.localModules);
    }
  }
  if (analyses.has('secrets') && !spent(budget, 'secrets')) {
    const found = scanSecrets({ path: task.path, kind: task.kind, text, lines, documentationLines: documentationLines(parsed, lines) });
    keepSecrets(found, suppressions, task.options.ignoreNosec, result);
  }
  if (result.suppressed?.length === 0) delete result.suppressed;
  if (analyses.has('egress') && !spent(budget, 'egress')) result.egress = analyzeEgress(parsed.module, semantic, text, task.path);
  if (analyses.has('metrics') && !spent(budget, 'statistics')) result.metrics = computeFileMetrics(parsed, text, semantic);
  if (analyses.has('posture') && !spent(budget, 'routes')) {
    const routes = collectRoutes(parsed.module, semantic, task.path);
    if (routes.length) result.routes = routes;
    result.signs = pythonSigns(text) ?? {};
  }
}

/**
 * Lines of a parsed Python file that are documentation: docstrings and other bare string
 * statements, and lines holding only a comment. 1-based.
 */
export function documentationLines(parsed: ReturnType<typeof parsePython>, lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  const stack: A.AnyNode[] = [parsed.module];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Expr') {
      if (n.value.type === 'Constant' && typeof n.value.value === 'string') for (let l = n.lineno; l <= n.end_lineno; l++) out.add(l);
      continue;
    }
    // Statements only: bare strings are statements, expressions need not be visited.
    const body = (n as { body?: unknown }).body;
    if (Array.isArray(body)) for (const s of body as A.AnyNode[]) stack.push(s);
    for (const field of ['orelse', 'finalbody', 'handlers', 'cases'] as const) {
      const more = (n as unknown as Record<string, unknown>)[field];
      if (Array.isArray(more)) for (const s of more as A.AnyNode[]) stack.push(s);
    }
  }
  for (const c of parsed.comments) if ((lines[c.line - 1] ?? '').slice(0, c.col).trim() === '') out.add(c.line);
  return out;
}

const rulesById = new Map(CODE_RULES.map((r) => [r.id, r]));

/**
 * Run the enabled code rules over one module in a single walk. With a `deadline` (epoch
 * ms), the walk stops once it has passed (checked every 256 nodes) and returns false;
 * true when every node was visited.
 * Findings a comment suppresses go to `suppressedOut` (marked) when given, else are dropped.
 */
export function runRules(
  task: Pick<FileTask, 'path' | 'options'>,
  source: string,
  lines: string[],
  module: A.Module,
  semantic: SemanticModel,
  suppressions: Suppressions,
  out: Finding[],
  comments: RuleContext['comments'] = [],
  nodes?: Map<Finding, A.AnyNode>,
  deadline = Infinity,
  suppressedOut?: Finding[],
): boolean {
  setProjectModels(task.options.taintModels);
  const rules: CodeRule[] = [];
  for (const id of task.options.enabledRules) {
    const r = rulesById.get(id);
    if (r) rules.push(r);
  }
  // Dispatch table: node type → handlers; each handler keeps its rule's context once made.
  type Handler = { rule: CodeRule; fn: (n: A.AnyNode, c: RuleContext) => void; ctx: RuleContext | undefined };
  const table = new Map<string, Handler[]>();
  const contexts = new Map<CodeRule, RuleContext>();
  const ctxFor = (rule: CodeRule): RuleContext => {
    let c = contexts.get(rule);
    if (!c) contexts.set(rule, (c = makeContext(rule, task, source, lines, semantic, suppressions, out, comments, nodes, suppressedOut)));
    return c;
  };
  for (const r of rules) {
    for (const [type, fn] of Object.entries(r.visit)) {
      if (!fn) continue;
      let list = table.get(type);
      if (!list) table.set(type, (list = []));
      list.push({ rule: r, fn: fn as Handler['fn'], ctx: undefined });
    }
  }
  if (table.size === 0) return true;
  const stack: A.AnyNode[] = [module];
  let visited = 0;
  while (stack.length) {
    if ((++visited & 255) === 0 && deadline !== Infinity && Date.now() >= deadline) return false;
    const node = stack.pop()!;
    const handlers = table.get(node.type);
    if (handlers) {
      for (let i = 0; i < handlers.length; i++) {
        const h = handlers[i];
        h.fn(node, h.ctx ?? (h.ctx = ctxFor(h.rule)));
      }
    }
    pushChildrenReversed(node, stack);
  }
  const exits = table.get('Module:exit');
  // The flow rules run at exit: the analysis they start also observes what triage will ask about.
  if (nodes?.size) requestObservations(module, observationTargets(out, nodes, semantic));
  if (exits) for (const h of exits) h.fn(module, h.ctx ?? (h.ctx = ctxFor(h.rule)));
  return true;
}

const STATEMENT_TYPES = new Set([
  'FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Return', 'Delete', 'Assign', 'AugAssign', 'AnnAssign', 'For',
  'AsyncFor', 'While', 'If', 'With', 'AsyncWith', 'Match', 'Raise', 'Try', 'TryStar', 'Assert', 'Import',
  'ImportFrom', 'Global', 'Nonlocal', 'Expr', 'Pass', 'Break', 'Continue', 'TypeAlias', 'ExceptHandler', 'match_case',
]);

/**
 * Lines a suppression comment may sit on for a finding at `node`: its enclosing
 * statement's lines (only the header of a compound statement).
 */
export function statementLines(node: A.AnyNode): [number, number] {
  let n: A.AnyNode | null = node;
  while (n && !STATEMENT_TYPES.has(n.type)) n = n.parent;
  if (!n) return [node.lineno, node.end_lineno];
  const body = (n as { body?: A.Stmt[] }).body;
  if (Array.isArray(body) && body.length && n.type !== 'Module') {
    // A compound statement: only its header lines (the node lies in the header).
    return [n.lineno, Math.max(n.lineno, body[0].lineno - 1)];
  }
  return [n.lineno, n.end_lineno];
}

/** Replace every occurrence of `secret` in `text` by its masked form. */
function maskIn(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join(maskSecret(secret));
}

function makeContext(
  rule: CodeRule,
  task: Pick<FileTask, 'path' | 'options'>,
  source: string,
  lines: string[],
  semantic: SemanticModel,
  suppressions: Suppressions,
  out: Finding[],
  comments: RuleContext['comments'],
  nodes: Map<Finding, A.AnyNode> | undefined,
  suppressedOut: Finding[] | undefined,
): RuleContext {
  const opts = (Object.hasOwn(task.options.ruleOptions, rule.id) ? task.options.ruleOptions[rule.id] : undefined) ?? {};
  const ctx: RuleContext = {
    path: task.path,
    source,
    lines,
    semantic,
    comments,
    rule,
    option<T>(name: string): T {
      return (Object.hasOwn(opts, name) ? opts[name] : rule.options?.[name]) as T;
    },
    qualifiedName: (e) => semantic.qualifiedName(e),
    callName: (c) => semantic.callName(c),
    constValue: (e) => semantic.constValue(e),
    report(node: A.AnyNode, o: ReportOptions) {
      const n = o.node ?? node;
      const at = o.range ? { lineno: o.range.line, col_offset: o.range.column, end_lineno: o.range.endLine, end_col_offset: o.range.endColumn } : n;
      const [from, to] = o.range ? [o.range.line, o.range.endLine] : statementLines(n);
      const sup = o.unsuppressable ? undefined : suppressionFor(suppressions, rule.id, rule.name, from, to);
      if (sup && !suppressedOut) return;
      const f: Finding = {
        ruleId: rule.id,
        ruleName: rule.name,
        category: rule.category,
        severity: o.severity ?? rule.severity,
        confidence: o.confidence ?? rule.confidence,
        cwe: o.cwe ?? rule.cwe,
        message: o.message,
        location: { path: task.path, startLine: at.lineno, startColumn: at.col_offset, endLine: at.end_lineno, endColumn: at.end_col_offset },
        snippet: maskIn(snippetAt(lines, at.lineno, Math.min(at.end_lineno, at.lineno + 4)), o.secret),
        fix: o.fix ?? rule.docs.instead,
        fingerprint: '',
        ...(o.trace ? { trace: o.trace } : {}),
        ...(o.properties ? { properties: o.properties } : {}),
        ...withFix(rule.id, node, ctx, { line: at.lineno, col: at.col_offset, endLine: at.end_lineno, endCol: at.end_col_offset }),
      };
      if (sup) suppressedOut!.push(markSuppressed(f, sup));
      else {
        out.push(f);
        nodes?.set(f, node);
      }
    },
  };
  return ctx;
}

/** `{ autofix }` when the rule has a mechanical fix for this node (`fix/fixers.ts`), else `{}`. */
function withFix(ruleId: string, node: A.AnyNode, ctx: RuleContext, at: FixSite): { autofix?: Autofix } {
  if (!hasFixer(ruleId)) return {};
  const autofix = autofixFor(ruleId, node, ctx, at);
  return autofix ? { autofix } : {};
}
