/**
 * The keyword pre-filter: one Aho–Corasick automaton over every detector's keywords, so
 * a line (or chunk) is read once and only the detectors whose keywords occur in it run
 * their regular expressions (gitleaks does the same). Keywords are matched on lowercased
 * text; time is linear in the text length plus the number of matches.
 */
export class KeywordMatcher {
  /** goto[state] maps a UTF-16 code unit to the next state. */
  private readonly goto: Array<Map<number, number>> = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  /** Keyword indices that end at each state (its own and those reached by fail links). */
  private readonly out: number[][] = [[]];
  /**
   * The automaton as a dense table over ASCII (`delta[state * 128 + c]`, fail links
   * resolved), used when every keyword is ASCII: a code unit ≥ 128 then leads back to the
   * root. One array read per character instead of map look-ups and fail-link walks.
   */
  private readonly delta: Int32Array | null;

  /** `keywords` must be lowercase and non-empty; their indices are what `scan` reports. */
  constructor(readonly keywords: readonly string[]) {
    keywords.forEach((kw, index) => {
      if (kw.length === 0 || kw !== kw.toLowerCase()) throw new Error(`keyword must be lowercase and non-empty: ${JSON.stringify(kw)}`);
      let state = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        let next = this.goto[state].get(c);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.goto[state].set(c, next);
        }
        state = next;
      }
      this.out[state].push(index);
    });
    // Breadth-first construction of the failure links.
    const queue: number[] = [];
    for (const s of this.goto[0].values()) queue.push(s);
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (const [c, s] of this.goto[r]) {
        queue.push(s);
        let f = this.fail[r];
        while (f !== 0 && !this.goto[f].has(c)) f = this.fail[f]!;
        const g = this.goto[f].get(c);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        const inherited = this.out[this.fail[s]];
        if (inherited.length) this.out[s] = this.out[s].concat(inherited);
      }
    }
    // eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, on purpose
    this.delta = keywords.every((k) => /^[\x00-\x7f]*$/.test(k)) ? this.denseTable([0, ...queue]) : null;
  }

  /** `order`: the states breadth-first (a state's fail target comes before it). */
  private denseTable(order: number[]): Int32Array {
    const delta = new Int32Array(this.goto.length * 128);
    for (const s of order) {
      // A state's row is its fail target's (the root's: all 0) with its own edges over it:
      // one block copy and a few writes instead of 128 map look-ups (a tenth of start-up).
      if (s !== 0) delta.copyWithin(s * 128, this.fail[s] * 128, this.fail[s] * 128 + 128);
      for (const [c, g] of this.goto[s]) delta[s * 128 + c] = g;
    }
    return delta;
  }

  /**
   * Indices of the keywords that occur in `lower` (already lowercased), in
   * `[from, to)`. Each index is reported once.
   */
  scan(lower: string, from = 0, to = lower.length): Set<number> {
    const found = new Set<number>();
    let state = 0;
    const delta = this.delta;
    if (delta) {
      const out = this.out;
      for (let i = from; i < to; i++) {
        const c = lower.charCodeAt(i);
        state = c < 128 ? delta[state * 128 + c] : 0;
        const o = out[state];
        for (let k = 0; k < o.length; k++) found.add(o[k]);
      }
      return found;
    }
    const goto = this.goto;
    const fail = this.fail;
    const out = this.out;
    for (let i = from; i < to; i++) {
      const c = lower.charCodeAt(i);
      let next = goto[state].get(c);
      while (next === undefined && state !== 0) {
        state = fail[state]!;
        next = goto[state].get(c);
      }
      state = next ?? 0;
      const o = out[state];
      for (let k = 0; k < o.length; k++) found.add(o[k]);
    }
    return found;
  }
}
