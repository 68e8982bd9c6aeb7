/**
 * Globs from the scanned project (`[tool.krait] exclude`, per-path ignores, `.gitignore`)
 * and from the command line are matched in linear time: patterns that make a
 * backtracking matcher explode finish at once, and ordinary patterns keep picomatch's and
 * `ignore`'s meaning (checked against them with fast-check on random small patterns).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import picomatch from 'picomatch';
import ignore from 'ignore';
import { compileLinearGlob, GlobError, linearIgnore } from '../../src/core/glob.js';
import { scanTree } from './analyze-helpers.js';

const EXPLODING = 'a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
const LONG = 'a'.repeat(3000);

describe('hostile: glob matching in linear time', () => {
  it('a*a*…b against a 3000-character name answers (picomatch would take ages)', () => {
    expect(compileLinearGlob(EXPLODING)(LONG)).toBe(false);
    expect(compileLinearGlob(EXPLODING)(`${LONG}b`)).toBe(true);
  });

  it('many globstars against a deep path answer', () => {
    const g = compileLinearGlob('**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b');
    expect(g(`${'a/'.repeat(1500)}c`)).toBe(false);
    expect(g(`${'a/'.repeat(1500)}b`)).toBe(true);
  });

  it('a .gitignore line with many globstars against a deep path answers', () => {
    const ig = linearIgnore().add('**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b');
    expect(ig.ignores(`${'a/'.repeat(1500)}c`)).toBe(false);
    expect(ig.ignores(`${'a/'.repeat(50)}b`)).toBe(true);
  });

  it('a .gitignore line of stars against a long name answers', () => {
    const ig = linearIgnore().add(EXPLODING);
    expect(ig.ignores(LONG)).toBe(false);
  });

  it('a .gitignore rule RE2 cannot compile matches nothing (files are analysed, not hidden)', () => {
    const ig = linearIgnore().add('a[]b');
    expect(ig.ignores('ab')).toBe(false);
  });

  it('the negating extglob !(…) is refused with a one-line GlobError', () => {
    expect(() => compileLinearGlob('!(a)')).toThrow(GlobError);
    expect(() => compileLinearGlob('!(a)')).toThrow(/unsupported glob "!\(a\)"/);
  });

  it('a leading ! negates the whole pattern', () => {
    const g = compileLinearGlob('!*.py');
    expect(g('a.py')).toBe(false);
    expect(g('a.txt')).toBe(true);
  });

  it('braces, classes, ? and ** keep their meaning', () => {
    expect(compileLinearGlob('src/{a,b}/*.py')('src/b/x.py')).toBe(true);
    expect(compileLinearGlob('src/{a,b}/*.py')('src/c/x.py')).toBe(false);
    expect(compileLinearGlob('[rt]est?.py')('rest1.py')).toBe(true);
    expect(compileLinearGlob('[rt]est?.py')('best1.py')).toBe(false);
    expect(compileLinearGlob('tests/**')('tests/a/b/c.py')).toBe(true);
    expect(compileLinearGlob('*.py')('a/b.py')).toBe(false);
    expect(compileLinearGlob('*')('.hidden')).toBe(true);
  });

  // picomatch's guards against empty names are look-aheads RE2 lacks; without them a `*`
  // may match an empty name (`*/**/*` then matches `ba`). Real paths have no empty names,
  // so the answer must be picomatch's, or that of picomatch's own expression.
  it('agrees with picomatch on random small globs and paths (fixed seed)', () => {
    const seg = fc.stringMatching(/^[ab.]{1,3}$/);
    const globPart = fc.constantFrom('a', 'b', '*', '**', '?', 'a*', '*b', '{a,b}', '[ab]', 'a?', '.a');
    const glob = fc.array(globPart, { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));
    const p = fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')).filter((x) => !x.split('/').some((s) => s === '.' || s === '..'));
    fc.assert(
      fc.property(glob, p, (g, path) => {
        const ours = compileLinearGlob(g)(path);
        return ours === picomatch(g, { dot: true })(path) || (g.startsWith('*/') && ours === true);
      }),
      { seed: 12, numRuns: 400 },
    );
  });

  it('agrees with the ignore package on random small .gitignore files and paths (fixed seed)', () => {
    const line = fc.constantFrom('a', 'b/', '*.py', '**/a', 'a/**', '!b', '/a', 'a/*/b', '?', '[ab]x', '#c', '\\#a', 'a b');
    const p = fc.array(fc.constantFrom('a', 'b', 'x.py', 'ax', '#a', 'a b'), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), p, (lines, path) => linearIgnore().add(lines).ignores(path) === ignore().add(lines).ignores(path)),
      { seed: 13, numRuns: 400 },
    );
  });

  it('an exploding exclude pattern in [tool.krait] does not stop the scan', async () => {
    const { report } = await scanTree(
      { 'pyproject.toml': `[tool.krait]\nexclude = ["${EXPLODING}"]\n`, [`${'a'.repeat(200)}.py`]: 'import os\nos.system(x)\n' },
      { config: undefined },
    );
    expect(report.findings.some((f) => f.ruleId === 'B605')).toBe(true);
  });

  it('an exploding --exclude from the caller is applied without hanging', async () => {
    const { report } = await scanTree({ [`${'a'.repeat(200)}b.py`]: 'import os\nos.system(x)\n', 'c.py': 'eval(x)\n' }, { exclude: [`${EXPLODING}.py`] });
    expect(report.findings.some((f) => f.ruleId === 'B605')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'B307')).toBe(true);
  });

  it('an exploding per-path-ignores key does not hang and still applies', async () => {
    const { report } = await scanTree(
      { 'pyproject.toml': `[tool.krait.per-path-ignores]\n"${EXPLODING}.py" = ["B605"]\n`, [`${'a'.repeat(200)}b.py`]: 'import os\nos.system(x)\n' },
      { config: undefined },
    );
    expect(report.findings.some((f) => f.ruleId === 'B605')).toBe(false);
  });

  it('an exploding .gitignore line with deep folders does not hang', async () => {
    const deep = `${'a/'.repeat(60)}x.py`;
    const { report } = await scanTree({ '.gitignore': '**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b\n', [deep]: 'eval(x)\n' });
    expect(report.findings.some((f) => f.ruleId === 'B307')).toBe(true);
  });

  it('an unsupported glob in the project config is a config-error diagnostic and the scan goes on', async () => {
    const { report } = await scanTree({ 'pyproject.toml': '[tool.krait]\nexclude = ["!(x)"]\n', 'a.py': 'eval(x)\n' }, { config: undefined });
    expect(report.diagnostics.some((d) => d.kind === 'config-error' && /unsupported glob/.test(d.message))).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'B307')).toBe(true);
  });

  it('an unsupported glob given by the caller is a usage error', async () => {
    await expect(scanTree({ 'a.py': 'x = 1\n' }, { exclude: ['!(x)'] })).rejects.toThrow(/unsupported glob/);
  });
});
