/**
 * The project step that settles pattern findings hinging on a function's parameters (see
 * taint/callers.ts): a finding in `def run(cmd): subprocess.run(cmd, shell=True)` that
 * triage left `unknown` is judged `constant` (and dismissed) when the function is called
 * somewhere in the project, every call of a function of that name passes constants for
 * the parameters the flagged value depends on (or leaves them to constant defaults), and
 * no file uses the name other than by a call (a callback could be called with anything).
 * Calls are matched by name, not resolved: a call of another function of the same name
 * that passes other values keeps the finding, which errs on the side of reporting.
 */
import type { Finding } from '../core/finding.js';
import type { FileResult } from '../report/model.js';
import type { CallArgs, Hinge } from '../taint/callers.js';
import { refollowImports, TRIAGE_RULES } from '../taint/triage.js';

/**
 * Whether a call passes, for every parameter of the hinge, a constant, a safe value, or one
 * the analysis saw safe for the hinged rule's sink kind (`bit`): 'kind' when some argument
 * counted only by its kind.
 */
function constantFor(call: CallArgs, h: Hinge, bit: number, constantIn: (dep: string) => boolean): boolean | 'kind' {
  if (call.star) return false;
  let byKind = false;
  const ok = h.params.every((p) => {
    if (p.pos >= 0 && p.pos < call.args.length) {
      if (call.args[p.pos]) return true;
      const deps = call.litIf?.[p.pos];
      if (deps?.every(constantIn)) return true;
      return (byKind = !!bit && !!((call.kinds?.[p.pos] ?? 0) & bit));
    }
    if (Object.hasOwn(call.kw, p.name)) {
      if (call.kw[p.name]) return true;
      return (byKind = !!bit && !!((call.kwKinds?.[p.name] ?? 0) & bit));
    }
    return p.defaultLit;
  });
  return ok && byKind ? 'kind' : ok;
}

/**
 * Dismiss, in place, the findings whose function every project call gives constants.
 * Returns how many were dismissed.
 */
export function settleConstantCallers(results: readonly FileResult[]): number {
  const calls = new Map<string, { call: CallArgs; path: string }[]>();
  const refs = new Set<string>();
  const constantIn = constantsOfModules(results);
  for (const r of results) {
    const t = r.taint;
    if (!t) continue;
    if (t.callArgsTruncated) return 0;
    for (const c of t.callArgs ?? []) {
      const list = calls.get(c.name);
      if (list) list.push({ call: c, path: r.path });
      else calls.set(c.name, [{ call: c, path: r.path }]);
    }
    for (const n of t.refs ?? []) refs.add(n);
  }
  let settled = 0;
  for (const r of results) {
    const hinges = r.taint?.hinges;
    if (!hinges?.length) continue;
    let changed = false;
    for (const h of hinges) {
      const sites = calls.get(h.fn);
      const bit = TRIAGE_RULES.get(h.rule)?.bit ?? 0;
      const each = sites?.map((s) => constantFor(s.call, h, bit, constantIn)) ?? [];
      if (!sites?.length || refs.has(h.fn) || !each.every((x) => x)) continue;
      const f = r.findings.find((x: Finding) => x.ruleId === h.rule && x.location.startLine === h.line && x.location.startColumn === h.column);
      if (!f || f.verdict?.kind !== 'unknown' || (f.status ?? 'active') !== 'active') continue;
      const where = sites.slice(0, 3).map((s) => `${s.path}:${s.call.line}`).join(', ');
      const names = h.params.map((p) => `'${p.name}'`).join(', ');
      const counted = `${sites.length} call${sites.length > 1 ? 's' : ''}: ${where}${sites.length > 3 ? ', …' : ''}`;
      f.verdict = each.includes('kind')
        ? { kind: 'sanitised', reason: `every call of ${h.fn}() in the project passes constants, numbers or values checked or sanitised for this sink for ${names} (${counted})` }
        : sites.some((s) => s.call.num)
          ? { kind: 'sanitised', reason: `every call of ${h.fn}() in the project passes constants or numbers (int(), float(), len()…) or values an allow-list pinned for ${names} (${counted})` }
          : { kind: 'constant', reason: `every call of ${h.fn}() in the project passes constants for ${names} (${counted})` };
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
