/**
 * The `match` statement and its case patterns. Patterns are kept as expressions, as
 * `ast.MatchCase.pattern` documents: capture names as Name, literals as Constant,
 * sequences as Tuple/List; class, mapping, union and keyword patterns become `Unparsed`.
 */
import type * as A from '../ast.js';
import { ExpressionLowering } from './expressions.js';
import { field, fields, named, type Raw } from './raw.js';

/**
 * The pattern part of the lowering. Case bodies are statement blocks, lowered by the
 * subclass (`body`), which keeps this file free of an import of the statement part.
 */
export abstract class PatternLowering extends ExpressionLowering {
  /** The statements of a block (or of a single statement in its place); none when absent. */
  protected abstract body(r: Raw | undefined): A.Stmt[];

  /** `match subject:` with its `case pattern if guard:` clauses. */
  protected matchStatement(r: Raw): A.Match {
    const subjects = fields(r, 'subject');
    const subject = subjects.length === 1 ? this.expr(subjects[0]) : subjects.length ? this.tuple(r, subjects) : this.unparsed(r, 'missing subject');
    const cases: A.MatchCase[] = [];
    const bodyRaw = field(r, 'body');
    for (const c of bodyRaw ? bodyRaw.k.filter((k) => k.t === 'case_clause') : []) {
      const pats = c.k.filter((k) => k.t === 'case_pattern');
      const guard = field(c, 'guard');
      const guardExpr = guard ? (guard.t === 'if_clause' ? named(guard)[0] : guard) : undefined;
      cases.push(
        this.at<A.MatchCase>(c, {
          type: 'match_case',
          pattern: pats.length === 1 ? this.pattern(pats[0]) : pats.length ? this.at<A.TupleExpr>(c, { type: 'Tuple', elts: pats.map((p) => this.pattern(p)) }) : this.unparsed(c, 'missing pattern'),
          guard: guardExpr ? this.expr(guardExpr) : null,
          body: this.body(field(c, 'consequence')),
        }),
      );
    }
    return this.at<A.Match>(r, { type: 'Match', subject, cases });
  }

  /** One case pattern as an expression (`_` when empty). */
  private pattern(p: Raw): A.Expr {
    const inner = named(p);
    if (inner.length === 1) {
      const x = inner[0];
      if (x.t === 'class_pattern' || x.t === 'dict_pattern' || x.t === 'union_pattern' || x.t === 'complex_pattern' || x.t === 'keyword_pattern' || x.t === 'splat_pattern') {
        return this.unparsed(x, 'pattern');
      }
      return this.expr(x);
    }
    return inner.length ? this.unparsed(p, 'pattern') : this.at<A.Name>(p, { type: 'Name', id: '_' });
  }
}
