/**
 * `krait fix`: apply the findings' automatic fixes (`Finding.autofix`) to the audited files.
 *
 * Per file: the fixes are applied one at a time, from the end of the file to its start;
 * each is checked before it is kept — the file must parse with no more syntax errors than
 * before, and the rule must report fewer findings than before — else it is dropped with a
 * message. Edits overlapping an applied fix are skipped (an identical edit, such as the
 * same `import secrets` line, is shared). The file keeps its encoding (PEP 263 cookie or
 * UTF-8), BOM and line endings. Archives (`x.whl!/…`) are never rewritten.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createTwoFilesPatch } from 'diff';
import { parse as parseToml } from 'smol-toml';
import type { Autofix, Finding, TextEdit } from '../core/finding.js';
import { decodePython } from '../core/decode.js';
import { parsePython } from '../python/parse.js';
import { linkParents } from '../python/visit.js';
import { SemanticModel } from '../python/semantic.js';
import { runRules } from './analyze.js';
import { readSuppressions } from '../core/suppress.js';
import { splitLines } from '../core/snippet.js';
import { satisfies } from '../deps/pep440.js';

export interface FixOptions {
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafe: boolean;
  /** Oldest Python the project supports ('3.9'), from requires-python or --target-version; undefined: unknown. */
  targetPython?: string;
}

/** What happened to one finding's fix. */
export interface FixOutcome {
  finding: Finding;
  /** 'applied', or why not. */
  result: 'applied' | 'unsafe' | 'python-version' | 'overlap' | 'syntax' | 'not-removed' | 'file';
  message: string;
}

export interface FileFix {
  /** Display path (as in findings). */
  path: string;
  absPath: string;
  before: string;
  after: string;
  outcomes: FixOutcome[];
  /** Set when the file cannot be rewritten faithfully (then `after === before`). */
  problem?: string;
  /** Write `after` back with the file's encoding, BOM and line endings. */
  write(): void;
}

/** Default target when the project states no requires-python (ruff's default target is 3.9 too). */
export const DEFAULT_TARGET_PYTHON = '3.9';

function minorOf(v: string): number {
  const m = /^3\.(\d+)/.exec(v);
  return m ? Number(m[1]) : 0;
}

/**
 * The oldest Python 3 minor version a `requires-python` specifier allows ('>=3.8.1' →
 * '3.8'), or undefined when the specifier cannot be read.
 */
export function lowestPython(spec: string): string | undefined {
  for (let minor = 0; minor <= 30; minor++) {
    for (let patch = 0; patch <= 30; patch++) {
      try {
        if (satisfies(`3.${minor}.${patch}`, spec)) return `3.${minor}`;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The `requires-python` of the nearest pyproject.toml at or above `start` (a file or folder). */
export function findRequiresPython(start: string): { spec: string; file: string } | undefined {
  let dir = path.resolve(start);
  for (let i = 0; i < 64; i++) {
    const file = path.join(dir, 'pyproject.toml');
    try {
      const doc = parseToml(readFileSync(file, 'utf8')) as {
        project?: { 'requires-python'?: unknown };
        tool?: { poetry?: { dependencies?: { python?: unknown } } };
      };
      const spec = doc.project?.['requires-python'] ?? doc.tool?.poetry?.dependencies?.python;
      if (typeof spec === 'string') return { spec: spec.replace(/^\^(\d+\.\d+)/, '>=$1'), file };
    } catch {
      // no readable pyproject here: go up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** Byte offsets of line starts, as the parser counts lines (split on `\n`). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

function toOffsets(edits: TextEdit[], starts: number[], eol: string): OffsetEdit[] {
  return edits.map((e) => ({
    start: (starts[e.startLine - 1] ?? 0) + e.startColumn,
    end: (starts[e.endLine - 1] ?? 0) + e.endColumn,
    text: eol === '\n' ? e.text : e.text.replace(/\n/g, eol),
  }));
}

/** Findings per rule of `ruleIds`, and syntax errors, in a Python text (rules at their default options). */
function check(text: string, ruleIds: string[], pathShown: string, packageName = ''): { counts: Map<string, number>; syntaxErrors: number } {
  const parsed = parsePython(text);
  linkParents(parsed.module);
  const semantic = new SemanticModel(parsed.module, packageName);
  const out: Finding[] = [];
  runRules(
    { path: pathShown, options: { analyses: ['rules'], enabledRules: ruleIds, ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 30 } },
    text, splitLines(text), parsed.module, semantic, readSuppressions(parsed.comments), out, parsed.comments,
  );
  const counts = new Map<string, number>();
  for (const f of out) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return { counts, syntaxErrors: parsed.syntaxErrors.length };
}

/** Why a fix is not applied under these options, or undefined when it may be. */
function refusal(fix: Autofix, opts: FixOptions): FixOutcome['result'] | undefined {
  if (fix.safety === 'unsafe' && !opts.unsafe) return 'unsafe';
  if (fix.minPython && minorOf(opts.targetPython ?? DEFAULT_TARGET_PYTHON) < minorOf(fix.minPython)) return 'python-version';
  return undefined;
}

/**
 * Apply the fixes of `findings` (all in one file, display path `display`) to `text`.
 * Returns the new text and what happened to each fix.
 */
export function fixText(text: string, findings: readonly Finding[], display: string, opts: FixOptions): { after: string; outcomes: FixOutcome[] } {
  const outcomes: FixOutcome[] = [];
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const starts = lineStarts(text);
  type Candidate = { finding: Finding; edits: OffsetEdit[] };
  const candidates: Candidate[] = [];
  for (const f of findings) {
    const fix = f.autofix!;
    const why = refusal(fix, opts);
    if (why) {
      outcomes.push({
        finding: f,
        result: why,
        message: why === 'unsafe' ? 'unsafe fix (behaviour may change): use --unsafe-fixes' : `needs Python ${fix.minPython}+, the project supports ${opts.targetPython ?? `${DEFAULT_TARGET_PYTHON} (assumed: no requires-python found)`}`,
      });
      continue;
    }
    candidates.push({ finding: f, edits: toOffsets(fix.edits, starts, eol) });
  }
  // From the end of the file to its start: earlier offsets stay valid as later text changes.
  candidates.sort((a, b) => Math.max(...b.edits.map((e) => e.start)) - Math.max(...a.edits.map((e) => e.start)));
  let current = text;
  const applied: OffsetEdit[] = []; // in original offsets
  const appliedRules = new Set<string>();
  // Map an original offset into the current text. An insertion applied exactly at `o` lies
  // before a new edit starting at `o`, and after a new edit ending at `o`.
  const shift = (o: number, isEnd: boolean): number => {
    let d = 0;
    for (const a of applied) if (a.end < o || (a.end === o && (!isEnd || a.start < a.end))) d += a.text.length - (a.end - a.start);
    return o + d;
  };
  const overlaps = (e: OffsetEdit, a: OffsetEdit): boolean => (e.start < a.end && a.start < e.end) || (e.start === a.start && e.end === a.end);
  for (const c of candidates) {
    const fresh = c.edits.filter((e) => !applied.some((a) => a.start === e.start && a.end === e.end && a.text === e.text));
    if (fresh.some((e) => applied.some((a) => overlaps(e, a)))) {
      outcomes.push({ finding: c.finding, result: 'overlap', message: 'overlaps another fix applied to the same code: run krait fix again' });
      continue;
    }
    const rules = [...new Set([c.finding.ruleId, ...appliedRules])];
    const before = check(current, rules, display);
    let next = current;
    for (const e of [...fresh].sort((a, b) => b.start - a.start)) next = next.slice(0, shift(e.start, false)) + e.text + next.slice(shift(e.end, true));
    const after = check(next, rules, display);
    if (after.syntaxErrors > before.syntaxErrors) {
      outcomes.push({ finding: c.finding, result: 'syntax', message: 'dropped: the rewritten file would not parse' });
      continue;
    }
    if ((after.counts.get(c.finding.ruleId) ?? 0) >= (before.counts.get(c.finding.ruleId) ?? 0) || rules.some((r) => (after.counts.get(r) ?? 0) > (before.counts.get(r) ?? 0))) {
      outcomes.push({ finding: c.finding, result: 'not-removed', message: 'dropped: the rewrite would not remove the finding (or would bring back one fixed before)' });
      continue;
    }
    current = next;
    appliedRules.add(c.finding.ruleId);
    applied.push(...fresh);
    outcomes.push({ finding: c.finding, result: 'applied', message: c.finding.autofix!.description });
  }
  return { after: current, outcomes };
}

/** Read a Python file, fix it in memory (nothing is written until `write()`). */
export function fixFile(absPath: string, display: string, findings: readonly Finding[], opts: FixOptions): FileFix {
  const bytes = readFileSync(absPath);
  const decoded = decodePython(bytes);
  const base = { path: display, absPath, before: decoded.text };
  if (decoded.problem) {
    const outcomes = findings.map((f) => ({ finding: f, result: 'file' as const, message: `not fixed: ${decoded.problem}` }));
    return { ...base, after: decoded.text, outcomes, problem: decoded.problem, write() {} };
  }
  const { after, outcomes } = fixText(decoded.text, findings, display, opts);
  return {
    ...base,
    after,
    outcomes,
    write() {
      if (after === decoded.text) return;
      let out: Buffer;
      if (decoded.encoding === 'utf-8' || decoded.encoding === 'utf-8-sig') {
        out = Buffer.from(after, 'utf8');
        if (decoded.encoding === 'utf-8-sig') out = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), out]);
      } else {
        out = iconv.encode(after, decoded.encoding);
        if (iconv.decode(out, decoded.encoding) !== after) throw new Error(`${display}: the fixed text cannot be written in ${decoded.encoding}`);
      }
      writeInPlace(absPath, display, bytes, out);
    },
  };
}

/**
 * Rewrite a source file in place, only if it is still the regular file krait read: the
 * last component is opened without following a symbolic link (one planted since the scan
 * is refused, never written through), and the bytes must be those the fix was computed
 * from. Keeps the file's inode, owner and mode.
 * @throws Error with a one-line message naming `display` when refused
 */
function writeInPlace(absPath: string, display: string, original: Buffer, out: Buffer): void {
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDWR | constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${display}: not fixed: it is a symbolic link; krait does not write through links`);
    throw new Error(`${display}: not fixed: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${display}: not fixed: not a regular file`);
    const now = Buffer.alloc(st.size);
    let got = 0;
    while (got < now.length) {
      const n = readSync(fd, now, got, now.length - got, got);
      if (n <= 0) break;
      got += n;
    }
    if (got !== original.length || !now.equals(original)) throw new Error(`${display}: not fixed: the file changed since it was scanned; run krait fix again`);
    ftruncateSync(fd, 0);
    for (let off = 0; off < out.length; ) off += writeSync(fd, out, off, out.length - off, off);
  } finally {
    closeSync(fd);
  }
}

/** A unified diff of one file's fix (`--diff`). */
export function unifiedDiff(f: FileFix): string {
  return createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.before, f.after, undefined, undefined, { context: 3 });
}

/**
 * Group the active findings that carry a fix by file and fix each file in memory. Findings
 * in archives are left alone. `select` narrows further by rule (the scan already applied
 * --select/--ignore).
 */
export function planFixes(findings: readonly Finding[], opts: FixOptions, cwd = process.cwd()): FileFix[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.autofix || (f.status && f.status !== 'active')) continue;
    if (f.location.path.includes('!/')) continue;
    let list = byFile.get(f.location.path);
    if (!list) byFile.set(f.location.path, (list = []));
    list.push(f);
  }
  const out: FileFix[] = [];
  for (const [p, list] of [...byFile].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(fixFile(path.resolve(cwd, p), p, list, opts));
  return out;
}
