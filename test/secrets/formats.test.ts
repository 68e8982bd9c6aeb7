import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS, type SecretFormat } from '../../src/secrets/index.js';
import { detectSecrets } from '../../src/pipeline/secrets.js';

/**
 * The secret in a sample: the format's `secret` group where its regex matches the
 * sample, plus every line of a key body that is nothing but 40+ base64 characters.
 */
function sampleSecrets(f: SecretFormat, sample: string): string[] {
  const out: string[] = [];
  const re = new RegExp(f.regex.source, f.regex.flags.replace('g', ''));
  const m = re.exec(sample);
  if (m) out.push(m.groups?.secret ?? m[0]);
  const lines = sample.split(/\n|\\n/);
  const from = lines.findIndex((l) => /BEGIN|Private-Lines/.test(l));
  if (from >= 0) for (const line of lines.slice(from)) if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) out.push(line.trim());
  return out;
}

describe('SECRET_FORMATS table', () => {
  it('has at least 150 formats with unique ids, keywords, samples and a source', () => {
    expect(SECRET_FORMATS.length).toBeGreaterThanOrEqual(150);
    const ids = new Set<string>();
    for (const f of SECRET_FORMATS) {
      expect(ids.has(f.id), f.id).toBe(false);
      ids.add(f.id);
      expect(f.keywords.length, f.id).toBeGreaterThan(0);
      for (const k of f.keywords) expect(k, f.id).toBe(k.toLowerCase());
      expect(f.tp.length, f.id).toBeGreaterThan(0);
      expect(f.fp.length, f.id).toBeGreaterThan(0);
      expect(f.source, f.id).toMatch(/https?:\/\/|gitleaks:|detect-secrets:|GitHub secret scanning/);
    }
  });

  it('every regex is linear: bounded quantifiers, no quantified group that repeats a quantifier', () => {
    for (const f of SECRET_FORMATS) {
      const problems = regexProblems(f.regex.source);
      expect(problems, `${f.id}: ${f.regex.source}`).toEqual([]);
    }
  });
});

describe.each(SECRET_FORMATS.map((f) => [f.id, f] as const))('format %s', (_id, f) => {
  it.each(f.tp.map((s) => [s]))('detects true positive %#', (sample) => {
    const findings = detectSecrets({ path: 'app/sample.txt', kind: 'text', text: sample });
    const hit = findings.find((x) => x.properties?.format === f.id);
    expect(hit, `${f.id} not found in ${JSON.stringify(sample).slice(0, 200)}; got ${findings.map((x) => x.properties?.format).join(',')}`).toBeDefined();
    expect(hit!.severity).toBe(f.severity);
    expect(hit!.ruleId).toBe(f.rule);
    // No output field carries a whole secret-looking token of the sample.
    const json = JSON.stringify(findings);
    const secrets = sampleSecrets(f, sample);
    expect(secrets.length, `${f.id}: the test found no secret in its sample`).toBeGreaterThan(0);
    for (const s of secrets) if (s.length >= 8) expect(json.includes(s), `${f.id} leaks ${s.slice(0, 6)}…`).toBe(false);
    expect(hit!.message).toContain(hit!.properties!.masked as string);
  });
  it.each(f.fp.map((s) => [s]))('ignores false positive %#', (sample) => {
    const findings = detectSecrets({ path: 'app/sample.txt', kind: 'text', text: sample });
    expect(findings.filter((x) => x.properties?.format === f.id)).toEqual([]);
  });
});

/**
 * A small checker of regex sources: every quantifier is bounded ({m,n}, ?, {n}), and no
 * group with a repeating quantifier contains another quantifier (nested repetition is
 * what makes backtracking exponential). `{0,1}`/`?` groups may contain quantifiers.
 */
function regexProblems(src: string): string[] {
  const problems: string[] = [];
  // Stack of groups: whether a quantifier occurred inside.
  const stack: boolean[] = [];
  let lastAtomWasGroupWithQuant = false;
  let i = 0;
  const markQuant = (): void => {
    if (stack.length) stack[stack.length - 1] = true;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      lastAtomWasGroupWithQuant = false;
      continue;
    }
    if (c === '[') {
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      lastAtomWasGroupWithQuant = false;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      if (src[i] === '?') {
        i++;
        if (src[i] === '<' && src[i + 1] !== '=' && src[i + 1] !== '!') while (src[i] !== '>') i++;
        i++;
      }
      continue;
    }
    if (c === ')') {
      const hadQuant = stack.pop() ?? false;
      if (hadQuant) markQuant();
      lastAtomWasGroupWithQuant = hadQuant;
      i++;
      continue;
    }
    if (c === '*' || c === '+') {
      problems.push(`unbounded ${c} at ${i}`);
      i++;
      continue;
    }
    if (c === '?') {
      // optional (or lazy modifier): not a repetition
      lastAtomWasGroupWithQuant = false;
      i++;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        if (max === Infinity) problems.push(`unbounded {n,} at ${i}`);
        if (max > 1) {
          markQuant();
          if (lastAtomWasGroupWithQuant) problems.push(`nested quantifier at ${i}`);
        }
        i += m[0].length;
        lastAtomWasGroupWithQuant = false;
        continue;
      }
    }
    lastAtomWasGroupWithQuant = false;
    i++;
  }
  return problems;
}
