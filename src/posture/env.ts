/**
 * `.env` files: the facts the KR340–KR343 rules check (is a file ignored by git, is it
 * committed, is it a template, how many values it holds, its text). Git's ignore rules come from every `.gitignore` between the
 * repository root and the file plus `.git/info/exclude` (the `ignore` package implements
 * git's matching); "committed" means listed in the repository index (`.git/index`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { linearIgnore } from '../core/glob.js';
import type { FileDiagnostic } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import { maskSecret } from '../core/mask.js';
import type { EnvFileFacts } from './types.js';

const EXAMPLE = /(^|[./_-])(example|sample|template|dist|defaults?|tpl)(\.env)?$/i;
const ASSIGN = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;

/** True for `.env`-style file names (`.env`, `.env.local`, `prod.env`). */
export function isEnvName(name: string): boolean {
  const l = name.toLowerCase();
  return l === '.env' || l.startsWith('.env.') || l.endsWith('.env');
}

/** True for templates: `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `example.env`. */
export function isEnvExample(name: string): boolean {
  return EXAMPLE.test(name.toLowerCase().replace(/^\.env\./, '.'));
}

/** The folder holding `.git` at or above `dir`, or null. */
export function repoRootOf(dir: string): string | null {
  let d = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/** Is `abs` ignored by git? `.gitignore` files from `top` down to the file's folder, and `.git/info/exclude`. */
export function isGitIgnored(abs: string, top: string): boolean {
  const rel = path.relative(top, abs).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  const parts = rel.split('/');
  const layers: { base: string; text: string }[] = [];
  const exclude = path.join(top, '.git', 'info', 'exclude');
  if (existsSync(exclude)) layers.push({ base: '', text: safeRead(exclude) });
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    const gi = path.join(top, ...parts.slice(0, i), '.gitignore');
    if (existsSync(gi)) layers.push({ base, text: safeRead(gi) });
  }
  let ignored = false;
  for (const { base, text } of layers) {
    const sub = base ? rel.slice(base.length + 1) : rel;
    const ig = linearIgnore().add(text);
    // Parent folders ignored → the file is ignored whatever later layers say (git does not descend).
    const segs = sub.split('/');
    for (let i = 1; i < segs.length; i++) if (ig.ignores(segs.slice(0, i).join('/') + '/')) return true;
    const r = ig.test(sub);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

function safeRead(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

const indexCache = new Map<string, Buffer | null>();

/** Is `abs` listed in the git index of repository `top`? (Index v2/v3 store full paths; v4 prefix-compresses them and may be missed.) */
export function isGitTracked(abs: string, top: string): boolean {
  let buf = indexCache.get(top);
  if (buf === undefined) {
    try {
      const p = path.join(top, '.git', 'index');
      buf = statSync(p).isFile() ? readFileSync(p) : null;
    } catch {
      buf = null;
    }
    indexCache.set(top, buf);
  }
  if (!buf) return false;
  const rel = path.relative(top, abs).split(path.sep).join('/');
  const needle = Buffer.from(rel + '\0', 'utf8');
  let at = buf.indexOf(needle);
  while (at >= 0) {
    // Entry names follow a 2-byte flags field whose low 12 bits are the name length (or 0xFFF).
    const flags = at >= 2 ? buf.readUInt16BE(at - 2) & 0x0fff : -1;
    if (flags === Math.min(0xfff, Buffer.byteLength(rel)) || (at >= 4 && (buf.readUInt16BE(at - 4) & 0x0fff) === Math.min(0xfff, Buffer.byteLength(rel)))) return true;
    at = buf.indexOf(needle, at + 1);
  }
  return false;
}

/** `NAME=value` lines with a non-empty value. */
function countValues(text: string): number {
  let n = 0;
  for (const line of splitLines(text)) {
    if (/^\s*#/.test(line)) continue;
    const m = ASSIGN.exec(line);
    if (m && m[2].trim().replace(/^(['"])(.*)\1$/, '$2').trim() !== '') n++;
  }
  return n;
}

export interface EnvInput {
  roots: string[];
  /** Discovered files of kind 'env' (display path, absolute path). */
  envFiles: { path: string; absPath: string }[];
  /** Display path for an absolute path not in the discovery (ignored `.env` files found in a root). */
  display: (abs: string) => string;
  /**
   * Git's view of `.env` files by display path, when it was recorded elsewhere (a merge of
   * shards has no repository: each shard records it for its files); otherwise read here.
   */
  gitStatus?: ReadonlyMap<string, EnvGitStatus>;
}

/** Whether git ignores a file and whether it is committed. */
export interface EnvGitStatus {
  gitignored: boolean;
  tracked: boolean;
}

/** Git's view of a `.env` file at `abs` (inside `roots`): ignored by a `.gitignore`, listed in the index. */
export function envGitStatus(abs: string, roots: readonly string[]): EnvGitStatus {
  const top = repoRootOf(path.dirname(abs));
  const rootTop = top ?? roots.find((r) => abs.startsWith(r + path.sep)) ?? path.dirname(abs);
  return { gitignored: isGitIgnored(abs, rootTop), tracked: top ? isGitTracked(abs, top) : false };
}

/**
 * The facts of every `.env` file of the scan (including ignored ones found in a root),
 * sorted by display path; unreadable files become diagnostics.
 */
export function envFileFacts(input: EnvInput, diagnostics: FileDiagnostic[]): EnvFileFacts[] {
  const byAbs = new Map<string, string>();
  for (const f of input.envFiles) byAbs.set(path.resolve(f.absPath), f.path);
  // Files ignored by git are left out of discovery; look for them in the roots to tell "ignored" from "absent".
  for (const root of input.roots) {
    let names: string[] = [];
    try {
      names = readdirSync(root);
    } catch {
      continue;
    }
    for (const n of names) {
      const abs = path.join(root, n);
      if (isEnvName(n) && !byAbs.has(abs)) {
        try {
          if (statSync(abs).isFile()) byAbs.set(abs, input.display(abs));
        } catch {
          /* vanished */
        }
      }
    }
  }
  const facts: EnvFileFacts[] = [];
  for (const [abs, shown] of [...byAbs].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      diagnostics.push({ path: shown, kind: 'read-error', message: `cannot read ${shown}: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const git = input.gitStatus?.get(shown) ?? envGitStatus(abs, input.roots);
    facts.push({
      path: shown,
      example: isEnvExample(path.basename(abs)),
      gitignored: git.gitignored,
      tracked: git.tracked,
      valuesCount: countValues(text),
      dir: path.dirname(abs),
      text,
      maskedLines: maskValues(splitLines(text)),
    });
  }
  return facts;
}

/** Lines of a .env file with every value masked (for snippets). */
function maskValues(lines: readonly string[]): string[] {
  return lines.map((l) => {
    const m = ASSIGN.exec(l);
    if (!m || !m[2].trim()) return l;
    return `${l.slice(0, l.length - m[2].length)}${maskSecret(m[2].trim())}`;
  });
}
