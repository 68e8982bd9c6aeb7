/**
 * Secrets in git history: every blob reachable from the repository's commits, each blob
 * once, through git plumbing only (`rev-list`, `diff-tree --stdin`, `cat-file --batch`)
 * with the repository's hooks and helpers disabled — the audited repository is hostile,
 * so nothing its configuration names (external diff, textconv, fsmonitor, hooks, pager)
 * may run. Findings carry the commit that introduced the secret, its date, the path, and
 * whether the secret is still in the working tree or was removed (and in which commit):
 * "removed in <commit>: still in history — rotate it". Secrets are masked like every
 * secret finding, and fingerprints are the working-tree ones (rule, format, path, secret
 * hash), so a baseline covers a secret whether it is in history, the tree or both.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { fileKind } from '../core/file-kinds.js';
import { scanSecrets } from './secrets.js';

export interface HistoryOptions {
  /** A folder inside the repository. */
  root: string;
  /** Only commits in `since..HEAD` (or `--all ^since`). */
  since?: string;
  /** Every ref, not only HEAD. */
  allRefs?: boolean;
  maxFileSize: number;
  /** Display path of the repository's top folder (prefix of the reported paths). */
  displayTop?: (top: string) => string;
  allowlist?: ReadonlySet<string>;
}

export interface HistoryResult {
  findings: Finding[];
  warnings: string[];
  stats: { commits: number; blobs: number; blobsRead: number; ms: number };
}

/** Configuration that disables everything a repository could make git run. */
const SAFE_CONFIG = [
  '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '-c', 'diff.external=',
  '-c', 'core.untrackedCache=false', '-c', 'core.sshCommand=false', '-c', 'protocol.allow=never', '--no-replace-objects',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_NO_REPLACE_OBJECTS: '1', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_EXTERNAL_DIFF', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_ASKPASS', 'SSH_ASKPASS']) delete env[k];
  return env;
}

/** Run a git plumbing command; resolves with stdout (Buffer). `input` goes to stdin. */
function git(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args[0]}: ${Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `exit ${code}`}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

interface Intro {
  commit: string;
  time: number;
  path: string;
}

/**
 * Audit the history of the repository holding `opts.root`.
 * @throws Error when `root` is not in a git repository or git is missing
 */
export async function scanHistory(opts: HistoryOptions): Promise<HistoryResult> {
  const started = Date.now();
  const warnings: string[] = [];
  const top = (await git(opts.root, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  const shallow = (await git(top, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  if (shallow) warnings.push('shallow clone: commits before the shallow boundary are not audited (git fetch --unshallow to audit the whole history)');
  const range = opts.allRefs ? ['--all'] : ['HEAD'];
  if (opts.since) range.push(`^${opts.since}`);
  let revs: string;
  try {
    revs = (await git(top, ['rev-list', '--reverse', '--timestamp', ...range, '--'])).toString('utf8');
  } catch (err) {
    warnings.push(`history not audited: ${(err as Error).message}`);
    return { findings: [], warnings, stats: { commits: 0, blobs: 0, blobsRead: 0, ms: Date.now() - started } };
  }
  const commits: { id: string; time: number }[] = [];
  for (const line of revs.split('\n')) {
    const m = /^(\d+) ([0-9a-f]{40,64})$/.exec(line.trim());
    if (m) commits.push({ id: m[2], time: Number(m[1]) });
  }
  const timeOf = new Map(commits.map((c) => [c.id, c.time]));
  const order = new Map(commits.map((c, i) => [c.id, i]));

  // Every change of every commit, oldest first: new blobs with their first commit and path,
  // and per path the sequence of blobs it held (null when deleted).
  const raw = commits.length ? await git(top, ['diff-tree', '--stdin', '-r', '-m', '--root', '--no-renames', '--no-ext-diff', '--no-textconv', '-z', '--raw'], commits.map((c) => c.id).join('\n') + '\n') : Buffer.alloc(0);
  const tokens = raw.toString('utf8').split('\0');
  const intro = new Map<string, Intro>();
  const pathEvents = new Map<string, { commit: string; blob: string | null }[]>();
  let current = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.startsWith(':')) {
      const p = tokens[++i] ?? '';
      const [, , oldSha, newSha, status] = t.slice(1).split(' ') as [string, string, string, string, string];
      const mode = t.slice(1).split(' ')[1];
      const zero = /^0+$/;
      const isFile = mode === '100644' || mode === '100755';
      const events = pathEvents.get(p) ?? [];
      pathEvents.set(p, events);
      if (status.startsWith('D') || zero.test(newSha) || !isFile) events.push({ commit: current, blob: null });
      else {
        events.push({ commit: current, blob: newSha });
        if (!intro.has(newSha)) intro.set(newSha, { commit: current, time: timeOf.get(current) ?? 0, path: p });
      }
      void oldSha;
    } else if (/^[0-9a-f]{40,64}$/.test(t.trim())) current = t.trim();
  }

  // Sizes first, then the contents of blobs within the limit.
  const ids = [...intro.keys()];
  const sizes = new Map<string, number>();
  if (ids.length) {
    const check = (await git(top, ['cat-file', '--batch-check=%(objectname) %(objectsize)'], ids.join('\n') + '\n')).toString('utf8');
    for (const line of check.split('\n')) {
      const [id, size] = line.split(' ');
      if (id && size && /^\d+$/.test(size)) sizes.set(id, Number(size));
    }
  }
  const wanted = ids.filter((id) => (sizes.get(id) ?? Infinity) <= opts.maxFileSize && fileKind(path.posix.basename(intro.get(id)!.path)) !== null);
  const contents = wanted.length ? await git(top, ['cat-file', '--batch'], wanted.join('\n') + '\n') : Buffer.alloc(0);
  const found = new Map<string, { finding: Finding; blob: string }>();
  const blobFingerprints = new Map<string, Set<string>>();
  let off = 0;
  let read = 0;
  while (off < contents.length) {
    const nl = contents.indexOf(0x0a, off);
    if (nl < 0) break;
    const [id, type, sizeStr] = contents.subarray(off, nl).toString('utf8').split(' ');
    const size = Number(sizeStr);
    const body = contents.subarray(nl + 1, nl + 1 + size);
    off = nl + 1 + size + 1;
    if (type !== 'blob' || !id) continue;
    read++;
    if (body.subarray(0, 8000).includes(0)) continue;
    const at = intro.get(id)!;
    const kind = fileKind(path.posix.basename(at.path))!;
    const res = scanSecrets({ path: at.path, kind, text: body.toString('utf8'), allowlist: opts.allowlist });
    const fps = new Set<string>();
    for (const f of res.findings) {
      fps.add(f.fingerprint);
      if (!found.has(f.fingerprint)) found.set(f.fingerprint, { finding: f, blob: id });
    }
    blobFingerprints.set(id, fps);
  }

  // Still in the working tree? Scan the file at the same path today.
  const treeFps = new Map<string, Set<string>>();
  const inTree = (p: string): Set<string> => {
    let s = treeFps.get(p);
    if (s) return s;
    s = new Set();
    const abs = path.join(top, p);
    try {
      const st = lstatSync(abs);
      if (st.isFile() && st.size <= opts.maxFileSize && existsSync(abs)) {
        const kind = fileKind(path.posix.basename(p));
        if (kind) for (const f of scanSecrets({ path: p, kind, text: readFileSync(abs, 'utf8') }).findings) s.add(f.fingerprint);
      }
    } catch {
      /* missing: not in the tree */
    }
    treeFps.set(p, s);
    return s;
  };

  const display = opts.displayTop ? opts.displayTop(top) : top;
  const findings: Finding[] = [];
  for (const [fp, { finding, blob }] of found) {
    const at = intro.get(blob)!;
    const stillThere = inTree(at.path).has(fp);
    // Removed in: the last commit where the path went from a blob holding the secret to one without it.
    let removedIn: string | undefined;
    let holds = false;
    for (const e of pathEvents.get(at.path) ?? []) {
      const has = e.blob !== null && (blobFingerprints.get(e.blob)?.has(fp) ?? false);
      if (holds && !has) removedIn = e.commit;
      if (has) removedIn = undefined;
      holds = has;
    }
    const date = new Date(at.time * 1000).toISOString().slice(0, 10);
    const short = at.commit.slice(0, 12);
    const where = stillThere ? 'still in the working tree' : removedIn ? `removed in ${removedIn.slice(0, 12)}: still in history — rotate it` : 'not in the working tree: still in history — rotate it';
    const shown = display && display !== '.' ? `${display.replace(/\/$/, '')}/${at.path}` : at.path;
    findings.push({
      ...finding,
      message: `${finding.message} Committed in ${short} (${date}); ${where}.`,
      location: { ...finding.location, path: shown },
      properties: {
        ...finding.properties,
        history: true,
        commit: at.commit,
        commitDate: new Date(at.time * 1000).toISOString(),
        blob,
        inWorkingTree: stillThere,
        ...(removedIn ? { removedIn } : {}),
      },
    });
  }
  void order;
  findings.sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : a.location.startLine - b.location.startLine));
  return { findings, warnings, stats: { commits: commits.length, blobs: ids.length, blobsRead: read, ms: Date.now() - started } };
}
