/**
 * The parser's intermediate tree: `Raw` records copied out of tree-sitter's CST by the
 * cursor walk (`cursor.ts`), and the accessors the lowering reads them with.
 */

/** One tree-sitter node as copied by the cursor walk: type, field, byte range and kept children. */
export interface Raw {
  /** tree-sitter node type ('identifier', 'call'…) or the token text for anonymous nodes. */
  t: string;
  /** Field name in the parent, or null. */
  f: string | null;
  /** Start and end offsets (UTF-16 code units). */
  s: number;
  e: number;
  /** Named node? */
  n: boolean;
  k: Raw[];
}

/** The shared child list of raw nodes the walk did not descend into (never written to). */
export const NO_KIDS: Raw[] = [];

/** The named children (the child list itself when all are named: callers never mutate it). */
export function named(r: Raw): Raw[] {
  const k = r.k;
  for (let i = 0; i < k.length; i++) if (!k[i].n) return k.filter((x) => x.n);
  return k;
}

/** The first child in field `name`, if any. */
export function field(r: Raw, name: string): Raw | undefined {
  return r.k.find((k) => k.f === name);
}

/** Every child in field `name`, in source order. */
export function fields(r: Raw, name: string): Raw[] {
  return r.k.filter((k) => k.f === name);
}

/** Does `r` have an anonymous child token `token` (`async`, `from`, `,`…)? */
export function hasToken(r: Raw, token: string): boolean {
  return r.k.some((k) => !k.n && k.t === token);
}
