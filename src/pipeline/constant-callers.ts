/**
 * The project step that settles pattern findings hinging on a function's parameters (see
 * taint/callers.ts): a finding in `def run(cmd): subprocess.run(cmd, shell=True)` that
 * triage left `unknown` is judged `constant` (and dismissed) when the function is called
 * somewhere in the project, every call of a function of that name passes constants for
 * the parameters the flagged value depends on (or leaves them to constant defaults), and
 * no file uses the name other than by a call (a callback could be called with anything).
 * Calls are matched by name, not resolved: a call of another function of the same name
 * that passes other values keeps the finding, which errs on the side of reporting. A
 * method's calls are every call of a method of its name on anything but a module of
 * elsewhere; a field of `self` its constructor sets from a parameter is settled by the
 * class's constructor calls; an argument built from the caller's own parameters by that
 * caller's calls in turn (a few levels deep). A call that could not bind to the function's
 * parameters is none of its calls (it raises `TypeError` first).
 */
import type { Finding } from '../core/finding.js';
import type { FileResult } from '../report/model.js';
import type { CallArgs, HingePart, HingeSig } from '../taint/callers.js';
import { refollowImports, TRIAGE_RULES } from '../taint/triage.js';

/** How many functions deep an argument built from the caller's parameters is followed to their calls. */
const MAX_VIA_DEPTH = 4;

/** Whether a call could bind to a function of this signature (else it raises `TypeError` before the function runs: not a call of it). */
function binds(call: CallArgs, sig: HingeSig): boolean {
  if (call.star) return true;
  const n = call.args.length;
  if (n > sig.pos.length && !sig.varargs) return false;
  const named = Object.keys(call.kw);
  for (const k of named) {
    const i = sig.pos.indexOf(k);
    if (i >= n) continue;
    if (i >= 0) return false; // given twice
    if (!sig.kwonly.includes(k) && !sig.varkw) return false;
  }
  for (let i = n; i < sig.required; i++) if (!named.includes(sig.pos[i])) return false;
  return sig.kwRequired.every((k) => named.includes(k));
}

/** Whether a call passes a false constant for the gate, or leaves it to a false default. */
function gateOff(call: CallArgs, gate: NonNullable<HingePart['gate']>): boolean {
  if (gate.pos >= 0 && gate.pos < call.args.length) return !!call.off?.includes(gate.pos);
  if (Object.hasOwn(call.kw, gate.name)) return !!call.kwOff?.includes(gate.name);
  return gate.defaultOff;
}

/** How every call of a hinge part passes its parameters: all safe (`ok`), some only for the sink's kind, some numbers; and where they are. */
interface Settled {
  ok: boolean;
  byKind: boolean;
  num: boolean;
  sites: { path: string; line: number }[];
}

const UNSETTLED: Settled = { ok: false, byKind: false, num: false, sites: [] };

/**
 * Dismiss, in place, the findings whose function every project call gives constants (or
 * values safe for the finding's sink kind). Returns how many were dismissed.
 */
export function settleConstantCallers(results: readonly FileResult[]): number {
  const calls = new Map<string, { call: CallArgs; path: string }[]>();
  const refs = new Set<string>();
  const bare = new Set<string>();
  const constantIn = constantsOfModules(results);
  for (const r of results) {
    const t = r.taint;
    if (!t) continue;
    // (Calls a file had too many of to record: their functions are as if used other than by a call.)
    for (const n of t.unrecordedCalls ?? []) refs.add(n);
    for (const n of t.bareCalls ?? []) bare.add(n);
    for (const c of t.callArgs ?? []) {
      const list = calls.get(c.name);
      if (list) list.push({ call: c, path: r.path });
      else calls.set(c.name, [{ call: c, path: r.path }]);
    }
    for (const n of t.refs ?? []) refs.add(n);
  }
  const memo = new Map<string, Settled>();
  /** Whether every call of `part` passes, for each of its parameters, a constant or a value safe for the sink kind `bit`. */
  const settle = (part: HingePart, bit: number, depth: number, visiting: ReadonlySet<string>): Settled => {
    const key = `${bit}:${part.fn}:${part.params.map((p) => `${p.name}@${p.pos}${p.defaultLit ? '=' : ''}`).join(',')}:${JSON.stringify(part.sig)}:${JSON.stringify(part.gate ?? null)}`;
    const got = memo.get(key);
    if (got) return got;
    if (depth > MAX_VIA_DEPTH || visiting.has(part.fn) || refs.has(part.fn)) return UNSETTLED;
    // A method called somewhere with no argument passes every default: one not a constant keeps the finding.
    if (bare.has(part.fn) && part.params.some((p) => !p.defaultLit && (p.pos >= 0 ? p.pos >= part.sig.required : !part.sig.kwRequired.includes(p.name)))) return UNSETTLED;
    const inner = new Set(visiting).add(part.fn);
    const sites = (calls.get(part.fn) ?? []).filter((s) => binds(s.call, part.sig));
    const out: Settled = { ok: sites.length > 0, byKind: false, num: false, sites: sites.map((s) => ({ path: s.path, line: s.call.line })) };
    const through = (via: readonly HingePart[] | undefined): boolean => {
      if (!via) return false;
      return via.every((p) => {
        const s = settle(p, bit, depth + 1, inner);
        out.byKind ||= s.byKind;
        out.num ||= s.num;
        return s.ok;
      });
    };
    for (const { call } of sites) {
      if (!out.ok) break;
      if (call.star) out.ok = false;
      // (A call that leaves the sink's gate off, `shell=False` or its false default, reaches no such sink.)
      else if (part.gate && gateOff(call, part.gate)) continue;
      for (const p of part.params) {
        if (!out.ok) break;
        if (p.pos >= 0 && p.pos < call.args.length) {
          if (call.args[p.pos] || call.litIf?.[p.pos]?.every(constantIn) || through(call.via?.[p.pos])) continue;
          out.ok = out.byKind = !!bit && !!((call.kinds?.[p.pos] ?? 0) & bit);
        } else if (Object.hasOwn(call.kw, p.name)) {
          if (call.kw[p.name] || through(call.kwVia?.[p.name])) continue;
          out.ok = out.byKind = !!bit && !!((call.kwKinds?.[p.name] ?? 0) & bit);
        } else out.ok = p.defaultLit;
      }
      out.num ||= !!call.num;
    }
    memo.set(key, out);
    return out;
  };
  let settled = 0;
  for (const r of results) {
    const hinges = r.taint?.hinges;
    if (!hinges?.length) continue;
    let changed = false;
    for (const h of hinges) {
      const bit = TRIAGE_RULES.get(h.rule)?.bit ?? 0;
      const each = h.parts.map((part) => ({ part, s: settle(part, bit, 0, new Set()) }));
      if (!each.every((x) => x.s.ok)) continue;
      const f = r.findings.find((x: Finding) => x.ruleId === h.rule && x.location.startLine === h.line && x.location.startColumn === h.column);
      if (!f || f.verdict?.kind !== 'unknown' || (f.status ?? 'active') !== 'active') continue;
      const told = each.map(({ part, s }) => {
        const where = s.sites.slice(0, 3).map((x) => `${x.path}:${x.line}`).join(', ');
        const counted = `${s.sites.length} call${s.sites.length > 1 ? 's' : ''}: ${where}${s.sites.length > 3 ? ', …' : ''}`;
        const passes = part.params.length ? `passes WHAT for ${part.params.map((p) => `'${p.name}'`).join(', ')}` : '';
        const gate = part.gate ? `leaves '${part.gate.name}' false` : '';
        return `every call of ${part.label} in the project ${passes && gate ? `${gate} or ${passes}` : passes || gate} (${counted})`;
      });
      const byKind = each.some((x) => x.s.byKind);
      const num = each.some((x) => x.s.num);
      const what = byKind ? 'constants, numbers or values checked or sanitised for this sink' : num ? 'constants or numbers (int(), float(), len()…) or values an allow-list pinned' : 'constants';
      const reason = told.join('; and ').replace(/WHAT/g, what);
      f.verdict = { kind: byKind || num ? 'sanitised' : 'constant', reason };
      f.status = 'dismissed';
      changed = true;
      settled++;
    }
    if (changed) refollowImports(r.findings);
  }
  return settled;
}

/**
 * What the project's modules hold that is constant, by their files: the functions that
 * return only constants and the tables of constants nothing changes (their facts). The
 * answer for a dependency of an argument (`f:pkg.sorting.order_clause`,
 * `t:.constants.TOOLS`, see `CallArgs.litIf`): true when exactly one file is that module
 * (the dotted path's last segments name it; a relative name, from the caller's package) and
 * it holds such a function or table of that name.
 */
function constantsOfModules(results: readonly FileResult[]): (dep: string) => boolean {
  const modules = new Map<string, { fns: Set<string>; tables: Set<string> }[]>();
  for (const r of results) {
    const t = r.taint;
    if (!t) continue;
    const key = r.path.replace(/\\/g, '/').replace(/\.pyw?$/, '').replace(/\/__init__$/, '');
    const entry = { fns: new Set(Object.entries(t.exports).filter(([, e]) => e.lit).map(([n]) => n)), tables: new Set(t.tables ?? []) };
    const list = modules.get(key);
    if (list) list.push(entry);
    else modules.set(key, [entry]);
  }
  const keys = [...modules.keys()];
  return (dep: string): boolean => {
    const kind = dep.slice(0, 2);
    const parts = dep.slice(2).replace(/^\.+/, '').split('.');
    const name = parts.pop();
    if (!name || !parts.length) return false;
    const tail = parts.join('/');
    const found = keys.filter((k) => k === tail || k.endsWith(`/${tail}`));
    if (found.length !== 1) return false;
    const list = modules.get(found[0])!;
    return list.length === 1 && (kind === 'f:' ? list[0].fns.has(name) : list[0].tables.has(name));
  };
}
