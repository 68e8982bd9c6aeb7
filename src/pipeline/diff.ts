/**
 * `--diff-base REV`: the lines changed since a git revision, so that a pull request's
 * check reports only the findings its change introduced (semgrep's `--baseline-commit`).
 *
 * git is only read (`git diff`, `git ls-files`), and run so that nothing from the audited
 * repository's configuration can execute: no external diff, no textconv, no fsmonitor, no
 * pager, and every clean/smudge/process filter driver the configuration names is blanked.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Changed lines per file: absolute path → the set of changed lines (new side), or `'all'` for a new file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'diff.external=', '-c', 'core.pager=cat', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.noprefix=false', '-c', 'color.ui=false'];

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_PAGER: 'cat', GIT_EXTERNAL_DIFF: '', GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
  });
}

/** `-c filter.X.clean= …` for every filter driver the configuration defines. */
function blankFilters(cwd: string): string[] {
  let out = '';
  try {
    out = git(cwd, [...SAFE, 'config', '--get-regexp', '^filter\\.']);
  } catch {
    return []; // none configured (exit 1)
  }
  const drivers = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^filter\.(.+)\.[a-z]+ /i.exec(line);
    if (m) drivers.add(m[1]);
  }
  return [...drivers].flatMap((d) => ['-c', `filter.${d}.clean=`, '-c', `filter.${d}.smudge=`, '-c', `filter.${d}.process=`, '-c', `filter.${d}.required=false`]);
}

/**
 * Parse `git diff --unified=0` output: the new-side lines of every hunk, per file
 * (paths relative to the repository's top level).
 */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const p = line.slice(4);
      if (p === '/dev/null') current = undefined;
      else {
        const rel = unquote(p).replace(/^b\//, '');
        current = out.get(rel) ?? new Set();
        out.set(rel, current);
      }
      continue;
    }
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h && current) {
      const start = Number(h[1]);
      const count = h[2] === undefined ? 1 : Number(h[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return out;
}

/** git quotes unusual paths as C strings: `"a\tb.py"`. */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  try {
    const bytes: number[] = [];
    const s = p.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch !== '\\') {
        for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
        continue;
      }
      const n = s[++i];
      if (/[0-7]/.test(n)) {
        bytes.push(parseInt(s.slice(i, i + 3), 8));
        i += 2;
      } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[n] ?? n.charCodeAt(0));
    }
    return Buffer.from(bytes).toString('utf8');
  } catch {
    return p;
  }
}

/**
 * The lines changed between `rev` and the working tree in the repository holding `dir`,
 * plus untracked files (wholly new). Paths are absolute.
 * @throws Error with a one-line message when `dir` is not in a git repository or `rev` is unknown
 */
export function changedLines(dir: string, rev: string): ChangedLines {
  if (!rev || rev.startsWith('-')) throw new Error(`--diff-base needs a git revision, got "${rev}"`);
  let top: string;
  try {
    top = git(dir, [...SAFE, 'rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new Error(`--diff-base: ${dir} is not in a git repository`);
  }
  try {
    git(top, [...SAFE, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new Error(`--diff-base: unknown git revision "${rev}" (fetch it first, e.g. git fetch origin main)`);
  }
  const filters = blankFilters(top);
  const diff = git(top, [...SAFE, ...filters, 'diff', '--no-ext-diff', '--no-textconv', '--no-color', '--unified=0', '--no-renames', rev, '--']);
  const out: ChangedLines = new Map();
  for (const [rel, lines] of parseUnifiedDiff(diff)) out.set(path.join(top, rel), lines);
  const untracked = git(top, [...SAFE, 'ls-files', '-z', '--others', '--exclude-standard']);
  for (const rel of untracked.split('\0')) if (rel) out.set(path.join(top, rel), 'all');
  return out;
}
