/**
 * Posture facts for the project-rule tests, built by the posture analysis itself from a
 * few files written to a temporary folder (optionally a git repository with some files
 * committed); the routes come from the route collector run on the Python files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { parsePython } from '../../../src/python/parse.js';
import { linkParents } from '../../../src/python/visit.js';
import { SemanticModel } from '../../../src/python/semantic.js';
import { fileKind } from '../../../src/core/file-kinds.js';
import type { FileKind } from '../../../src/core/file.js';
import { collectRoutes, postureFacts, type PostureFacts, type Route } from '../../../src/posture/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function listFiles(root: string): { path: string; absPath: string; kind: FileKind }[] {
  const out: { path: string; absPath: string; kind: FileKind }[] = [];
  const rec = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.git') continue;
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) rec(abs);
      else {
        const kind = fileKind(name);
        if (kind) out.push({ path: path.relative(root, abs).split(path.sep).join('/'), absPath: abs, kind });
      }
    }
  };
  rec(root);
  return out;
}

/**
 * The posture facts of a project made of `files` (relative path → text). With `git`, the
 * folder is a git repository and the listed files are committed (`git add -f`).
 */
export async function factsOf(files: Record<string, string>, opts: { git?: string[] } = {}): Promise<PostureFacts> {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-project-rule-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  if (opts.git) {
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    if (opts.git.length) {
      git('add', '-f', ...opts.git);
      git('commit', '-q', '-m', 'x');
    }
  }
  const listed = listFiles(root);
  const routes: Route[] = [];
  for (const f of listed) {
    if (f.kind !== 'python') continue;
    const parsed = parsePython(files[f.path]!);
    linkParents(parsed.module);
    routes.push(...collectRoutes(parsed.module, new SemanticModel(parsed.module, ''), f.path));
  }
  return (await postureFacts({ roots: [root], files: listed, routes })).facts;
}
