/**
 * Poetry (and Pipfile) version constraints → PEP 440 specifiers.
 *
 * Poetry's syntax (<https://python-poetry.org/docs/dependency-specification/>):
 * `^1.2.3` (compatible: `>=1.2.3,<2.0.0`; the first non-zero part is kept), `~1.2.3`
 * (`>=1.2.3,<1.3.0`), `1.2.*`, `*`, comparison clauses separated by `,` or spaces,
 * alternatives with `||`, and a bare version meaning `==version`.
 */

function parts(v: string): number[] {
  return v.split('.').map((p) => Number.parseInt(p, 10) || 0);
}

function caret(v: string): string {
  const p = parts(v);
  const idx = p.findIndex((x) => x !== 0);
  const bumpAt = idx < 0 ? Math.max(0, p.length - 1) : Math.min(idx, p.length - 1);
  const upper = p.slice(0, bumpAt + 1);
  upper[bumpAt] = (upper[bumpAt] ?? 0) + 1;
  while (upper.length < Math.max(p.length, 2)) upper.push(0);
  return `>=${v},<${upper.join('.')}`;
}

function tilde(v: string): string {
  const p = parts(v);
  const upper = p.length >= 2 ? [p[0] ?? 0, (p[1] ?? 0) + 1] : [(p[0] ?? 0) + 1];
  return `>=${v},<${upper.join('.')}`;
}

/** One alternative (no `||`) → PEP 440 clauses joined by `,`; `''` = any version. */
function convertOne(c: string): string {
  const clauses = c
    .trim()
    .split(/\s*,\s*|\s+(?=[<>=!~^])/)
    .map((x) => x.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const cl of clauses) {
    if (cl === '*' || cl === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^\^\s*(.+)$/.exec(cl)) && m[1]) out.push(caret(m[1]));
    else if ((m = /^~(?!=)\s*(.+)$/.exec(cl)) && m[1]) out.push(tilde(m[1]));
    else if ((m = /^(~=|===|==|!=|<=|>=|<|>)\s*(.+)$/.exec(cl)) && m[2]) out.push(`${m[1]}${m[2]}`);
    else if ((m = /^=\s*(.+)$/.exec(cl)) && m[1]) out.push(`==${m[1]}`);
    else out.push(`==${cl}`);
  }
  return out.join(',');
}

/**
 * Convert a Poetry constraint.
 * @returns the PEP 440 specifier (first alternative when there are several) and, for
 *   `a || b`, every alternative.
 */
export function poetryToPep440(constraint: string): { specifier: string; anyOf?: string[] } {
  const alts = constraint.split('||').map((a) => convertOne(a));
  if (alts.length > 1) {
    // Any alternative without a constraint admits everything.
    if (alts.some((a) => a === '')) return { specifier: '' };
    return { specifier: alts[0] ?? '', anyOf: alts };
  }
  return { specifier: alts[0] ?? '' };
}
