/**
 * Taint sinks: calls where controlled data does harm, each with the rule that reports it,
 * the sink kind bit a value must still carry, and which argument matters. The rows live in
 * the per-library tables of `models/`; this module indexes them for the interpreter.
 * Matching is by qualified name (through import aliases) or, for methods whose receiver
 * krait cannot type (`cursor.execute`), by method name.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { join, type Taint } from './model.js';
import { containerMatches } from './models/predicates.js';
import { KINDS, MODELS, type CallTaints, type ContainerSpec, type SinkKind, type SinkRow } from './models/index.js';

export { FLOW_RULES } from './models/kinds.js';
export type { CallTaints } from './models/types.js';

/** A sink row resolved to its rule and taint bit. */
export interface SinkSpec {
  rule: string;
  bit: number;
  /** What the sink does, for messages: 'a SQL query'. */
  label: string;
  /** The kind of sink (undefined for the interpreter's own return/assignment sinks). */
  kind?: SinkKind;
  names?: readonly string[];
  methods?: readonly string[];
  /** Positional argument indexes that matter (default [0]). */
  args?: readonly number[];
  /** Keyword names that matter. */
  keywords?: readonly string[];
  /** Extra condition (module imports, literal options). */
  when?: (call: A.Call, sem: SemanticModel) => boolean;
  /** Only a controlled head matters (the program of an argv list): summaries keep this for call sites. */
  needsHead?: (call: A.Call) => boolean;
  /** Custom choice of the taint that reaches the sink (overrides args/keywords). */
  pick?: (t: CallTaints, sem: SemanticModel) => Taint | null;
}

/** A model row as the interpreter sees it. */
export function specOf(row: SinkRow): SinkSpec {
  const k = KINDS[row.kind];
  const { kind, label, ...rest } = row;
  return { rule: k.rule, bit: k.bit, label: label ?? k.label, kind, ...rest };
}

/** Every built-in sink, from the library tables. */
export const SINKS: readonly SinkSpec[] = MODELS.flatMap((m) => (m.sinks ?? []).map(specOf));

const byName = new Map<string, SinkSpec[]>();
const byMethod = new Map<string, SinkSpec[]>();
function index(specs: readonly SinkSpec[]): void {
  for (const s of specs) {
    for (const n of s.names ?? []) (byName.get(n) ?? byName.set(n, []).get(n)!).push(s);
    for (const m of s.methods ?? []) (byMethod.get(m) ?? byMethod.set(m, []).get(m)!).push(s);
  }
}
index(SINKS);

let extra: readonly SinkSpec[] = [];

/**
 * Replace the project's own sink rows (from `[tool.krait.taint]`): they are looked up
 * with the built-in ones until the next call. An empty list restores the built-ins.
 */
export function setProjectSinks(rows: readonly SinkRow[]): void {
  if (extra.length === 0 && rows.length === 0) return;
  extra = [];
  byName.clear();
  byMethod.clear();
  extra = rows.map(specOf);
  index(SINKS);
  index(extra);
}

/** Sinks that a call may be: by its qualified name, else by its method name. */
export function sinksFor(call: A.Call, qualified: string | null): readonly SinkSpec[] {
  if (qualified) {
    const s = byName.get(qualified);
    if (s) return s;
  }
  if (call.func.type === 'Attribute') return byMethod.get(call.func.attr) ?? [];
  return [];
}

/** The taint that reaches a sink through the arguments it reads. */
export function sinkTaint(spec: SinkSpec, t: CallTaints, sem: SemanticModel): Taint | null {
  if (spec.when && !spec.when(t.call, sem)) return null;
  if (spec.pick) return spec.pick(t, sem);
  let out: Taint | null = null;
  for (const i of spec.args ?? [0]) out = join(out, t.args[i] ?? null);
  for (const k of spec.keywords ?? []) out = join(out, t.keywords.get(k) ?? null);
  return out;
}

/** An item-assignment sink resolved to its rule and taint bit (`session[k] = v`, `response.headers[k] = v`). */
export interface SubscriptSinkSpec {
  spec: SinkSpec;
  container: ContainerSpec;
  /** A controlled key reaches the sink too. */
  keys: boolean;
  /** Only an assignment to this constant key (lower case, compared without case). */
  key?: string;
}

const SUBSCRIPT_SINKS: readonly SubscriptSinkSpec[] = MODELS.flatMap((m) =>
  (m.subscriptSinks ?? []).map((r) => {
    const k = KINDS[r.kind];
    return { spec: { rule: k.rule, bit: k.bit, label: r.label ?? k.label, kind: r.kind }, container: r.container, keys: r.keys ?? false, ...(r.key ? { key: r.key.toLowerCase() } : {}) };
  }),
);

/** An attribute-assignment sink resolved to its rule and taint bit (`resp.data = v`). */
export interface AttributeSinkSpec {
  spec: SinkSpec;
  container: ContainerSpec;
  attributes: ReadonlySet<string>;
}

const ATTRIBUTE_SINKS: readonly AttributeSinkSpec[] = MODELS.flatMap((m) =>
  (m.attributeSinks ?? []).map((r) => {
    const k = KINDS[r.kind];
    return { spec: { rule: k.rule, bit: k.bit, label: r.label ?? k.label, kind: r.kind }, container: r.container, attributes: new Set(r.attributes) };
  }),
);

/** The attribute-assignment sinks `container.attr = value` is. */
export function attributeSinksFor(target: A.Attribute, sem: SemanticModel): AttributeSinkSpec[] {
  return ATTRIBUTE_SINKS.filter((r) => r.attributes.has(target.attr) && containerMatches(r.container, target.value, sem));
}

/** The item-assignment sinks `container[key] = value` is (the container matched against each row's spec; a row that names a key needs that constant key). */
export function subscriptSinksFor(container: A.Expr, sem: SemanticModel, key: A.Expr): SubscriptSinkSpec[] {
  const rows = SUBSCRIPT_SINKS.filter((r) => containerMatches(r.container, container, sem));
  if (!rows.some((r) => r.key)) return rows;
  const k = sem.constValue(key);
  return rows.filter((r) => !r.key || (typeof k === 'string' && k.toLowerCase() === r.key));
}
