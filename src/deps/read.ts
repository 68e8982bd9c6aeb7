/**
 * Reading the manifests and lock files of a scan: each file once (within the size limit),
 * includers before what they include so that `-c` files keep their constraint role, every
 * local source that points outside the scan root reported, never followed.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import type { FileDiagnostic, FileKind } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import { localTarget, outsideReason, readInclude } from './manifests/include.js';
import { manifestKind, parseManifest, type ManifestResult } from './manifests/index.js';
import { parseRequirementsTxt } from './manifests/requirements-txt.js';

/** One manifest or lock file read: its parse result, reported path, scan root and project key. */
export interface ReadManifest {
  result: ManifestResult;
  path: string;
  root: string;
  /** Project key: scan root and folder. */
  dir: string;
}

/** Project key of a file: its scan root and folder. */
function dirKey(root: string, path: string): string {
  return `${root}\u0000${posix.dirname(path.split('\\').join('/'))}`;
}

/**
 * Read and parse every manifest and lock file of `files` (by kind or name), in path order
 * with constraint files (reached through `-c`) last.
 * @returns the manifests, the lines of each file read (by reported path, included files
 *   too) and diagnostics (`read-error`, `parse-error`) for what could not be read or parsed.
 */
export function readManifests(
  files: readonly { path: string; absPath: string; kind: FileKind }[],
  maxBytes: number,
): { manifests: ReadManifest[]; texts: Map<string, string[]>; diagnostics: FileDiagnostic[] } {
  const diagnostics: FileDiagnostic[] = [];
  const texts = new Map<string, string[]>(); // reported path → lines
  const manifests: ReadManifest[] = [];
  const seen = new Set<string>();

  // Files reached through `-c` are constraint files wherever they are discovered.
  const candidates = files
    .map((f) => ({ ...f, mkind: manifestKind(f.path, f.kind) }))
    .filter((f): f is typeof f & { mkind: NonNullable<typeof f.mkind> } => f.mkind !== undefined)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fileTexts = new Map<string, string>();
  const constraintFiles = new Set<string>();
  for (const f of candidates) {
    try {
      const size = statSync(f.absPath).size;
      if (size > maxBytes) {
        diagnostics.push({ path: f.path, kind: 'read-error', message: `not read: larger than the size limit (${size} bytes > ${maxBytes}; raise it with --max-file-size)` });
        continue;
      }
      const text = readFileSync(f.absPath, 'utf8');
      fileTexts.set(f.absPath, text);
      if (f.mkind === 'requirements') {
        for (const m of text.matchAll(/^\s*(?:-c|--constraint)[=\s]+(\S+)/gm)) constraintFiles.add(resolve(dirname(f.absPath), m[1] ?? ''));
      }
    } catch (e) {
      diagnostics.push({ path: f.path, kind: 'read-error', message: `cannot read ${f.path} (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  // Includers first, so that included files keep their role and are read once.
  const order = [...candidates].sort((a, b) => Number(constraintFiles.has(resolve(a.absPath))) - Number(constraintFiles.has(resolve(b.absPath))));
  for (const f of order) {
    const text = fileTexts.get(f.absPath);
    if (text === undefined || seen.has(resolve(f.absPath))) continue;
    const root = rootOf(f.absPath, f.path);
    const result =
      f.mkind === 'requirements'
        ? parseRequirementsTxt(
            { path: f.path, absPath: f.absPath, text },
            { root, seen, maxBytes, role: constraintFiles.has(resolve(f.absPath)) ? 'constraint' : 'requirement' },
          )
        : parseManifest({ path: f.path, absPath: f.absPath, text }, f.mkind, { root, seen });
    seen.add(resolve(f.absPath));
    texts.set(f.path, splitLines(text));
    for (const inc of result.included ?? []) {
      // Only the files the parser followed (inside the root, regular, within the limit), read again under the same checks.
      const got = readInclude(isAbsolute(inc) ? inc : join(root, inc), root, maxBytes);
      if (got.ok) texts.set(inc, splitLines(got.text));
    }
    checkLocalSources(result, f.absPath, root, diagnostics);
    diagnostics.push(...result.diagnostics);
    manifests.push({ result, path: f.path, root, dir: dirKey(root, f.path) });
  }
  return { manifests, texts, diagnostics };
}

/**
 * The lines of a Python file a finding points at (`path` as reported: relative to one of
 * `roots`, or absolute), or undefined when no root has it readable.
 */
export function readSourceLines(path: string, roots: readonly string[]): string[] | undefined {
  for (const root of roots) {
    try {
      return splitLines(readFileSync(isAbsolute(path) ? path : join(root, path), 'utf8'));
    } catch {
      /* try the next root */
    }
  }
  return undefined;
}

/** Reported path, root-relative → root: the root is `absPath` minus `path`. */
function rootOf(absPath: string, path: string): string {
  const a = resolve(absPath);
  const rel = path.split(/[\\/]/).filter(Boolean);
  let root = a;
  for (let i = 0; i < rel.length; i++) root = dirname(root);
  return root;
}

/**
 * Local sources a manifest or lock file names (`path =`, `directory`, `file:` URLs,
 * editable paths) that point outside the scan root become diagnostics naming them. They
 * are never opened. Requirements files check their own (`-e`, path requirements).
 */
function checkLocalSources(result: ManifestResult, absPath: string, root: string, diagnostics: FileDiagnostic[]): void {
  if (result.format === 'requirements') return;
  const dir = dirname(absPath);
  const done = new Set<string>();
  const check = (target: string, path: string, line: number, what: string) => {
    const key = `${path}\u0000${line}\u0000${target}`;
    if (done.has(key)) return;
    done.add(key);
    const abs = localTarget(target, dir);
    if (abs === undefined) return;
    const why = outsideReason(abs, root);
    if (why) diagnostics.push({ path, kind: 'parse-error', line, message: `${what} ${target}: not followed (${why})` });
  };
  for (const s of result.localSources ?? []) check(s.target, s.path, s.line, s.what);
  for (const r of result.requirements) if (r.local && r.url) check(r.url, r.source.path, r.source.line, `local source of ${r.name}`);
}
