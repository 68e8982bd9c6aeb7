/**
 * TOML lock files: `poetry.lock`, `uv.lock`, `pdm.lock` and PEP 751 `pylock.toml`.
 * Every `[[package]]` (`[[packages]]` in pylock) becomes a `lock` requirement pinned at
 * its resolved version, with its hashes and its source (registry, VCS commit, path).
 * The project itself (uv `editable`/`virtual` sources) is skipped.
 *
 * Sources: Poetry and PDM lock files as written by those tools; uv's "Lockfile" page
 * (<https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile>); PEP 751.
 */
import { parse as parseToml } from 'smol-toml';
import { isCommitId, makeRequirement, type ParsedSpec } from '../requirement.js';
import type { Requirement } from '../types.js';
import { emptyResult, isPypi, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';
import { firstLine } from '../../core/text.js';
import { TomlLines } from './lines.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

export type LockFormat = 'poetry-lock' | 'uv-lock' | 'pdm-lock' | 'pylock';

/** Hashes found in `files = [{hash}]`, `sdist = {hash}`, `wheels = [{hash}]`, pylock `hashes = {sha256 = …}`. */
function collectHashes(pkg: Table): string[] {
  const out: string[] = [];
  const take = (h: unknown): void => {
    if (isStr(h)) out.push(h);
    else if (isTable(h)) for (const [alg, v] of Object.entries(h)) if (isStr(v)) out.push(`${alg}:${v}`);
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isTable(v)) {
      take(v['hash']);
      take(v['hashes']);
    }
  };
  for (const key of ['files', 'sdist', 'wheels', 'archive']) visit(pkg[key]);
  return out;
}

/** Parse a TOML lock file of the given format. */
export function parseTomlLock(file: ManifestFile, format: LockFormat): ManifestResult {
  const result = emptyResult(format, true);
  let doc: Table;
  try {
    doc = parseToml(file.text);
  } catch (e) {
    result.diagnostics.push(parseError(file, `invalid TOML: ${firstLine(e)}`, (e as { line?: number }).line));
    return result;
  }
  const lines = new TomlLines(file.text);
  const key = format === 'pylock' ? 'packages' : 'package';
  const packages = doc[key];
  if (!Array.isArray(packages)) {
    if (format === 'pylock' && doc['lock-version'] === undefined) {
      result.diagnostics.push(parseError(file, 'not a PEP 751 lock file: no lock-version and no [[packages]]'));
    }
    return result;
  }
  const spans = lines.spans(key);
  // Old poetry.lock: hashes in [metadata.files] name = [{file, hash}].
  const meta = doc['metadata'];
  const metaFiles = isTable(meta) && isTable(meta['files']) ? meta['files'] : undefined;
  const indexes = new Set<string>();

  packages.forEach((pkg, i) => {
    if (!isTable(pkg) || !isStr(pkg['name'])) return;
    const span = spans[i];
    const line = span ? lines.keyLine(key, 'name', span) : 1;
    const name = pkg['name'];
    const version = isStr(pkg['version']) ? pkg['version'] : undefined;
    const spec: ParsedSpec = { name, extras: [], specifier: version ? `==${version}` : '' };
    let skip = false;
    const src = pkg['source'];
    const local = (target: unknown, what: string) => {
      if (isStr(target)) (result.localSources ??= []).push({ target, path: file.path, line, what: `${what} of ${name}` });
    };
    if (format === 'uv-lock' && isTable(src)) {
      if (isStr(src['editable']) || isStr(src['virtual'])) skip = true; // the project / workspace members
      for (const k of ['editable', 'virtual', 'directory', 'path']) local(src[k], `${k} source`);
      if (isStr(src['directory']) || isStr(src['path'])) spec.local = true;
      if (isStr(src['registry'])) indexes.add(src['registry']);
      if (isStr(src['git'])) {
        const m = /^([^?#]+)(?:\?[^#]*)?(?:#([0-9a-f]+))?$/i.exec(src['git']);
        const commit = m?.[2];
        spec.url = m?.[1] ?? src['git'];
        spec.vcs = { type: 'git', url: spec.url, ref: commit, commitPinned: isCommitId(commit) };
      }
      if (isStr(src['url'])) spec.url = src['url'];
    } else if (format === 'poetry-lock' && isTable(src)) {
      const type = src['type'];
      if (type === 'git' && isStr(src['url'])) {
        const commit = [src['resolved_reference'], src['reference']].find(isStr);
        spec.url = src['url'];
        spec.vcs = { type: 'git', url: src['url'], ref: commit, commitPinned: isCommitId(commit) };
      } else if ((type === 'directory' || type === 'file') && isStr(src['url'])) {
        local(src['url'], `${type} source`);
        spec.url = src['url'];
        spec.local = true;
      } else if (type === 'legacy' && isStr(src['url'])) indexes.add(src['url']);
      else if (type === 'url' && isStr(src['url'])) spec.url = src['url'];
    } else if (format === 'pdm-lock') {
      if (isStr(pkg['git'])) {
        const commit = [pkg['revision'], pkg['ref']].find(isStr);
        spec.url = pkg['git'];
        spec.vcs = { type: 'git', url: pkg['git'], ref: commit, commitPinned: isCommitId(commit) };
      } else if (isStr(pkg['path'])) {
        local(pkg['path'], 'path source');
        spec.url = pkg['path'];
        spec.local = true;
      } else if (isStr(pkg['url'])) spec.url = pkg['url'];
    } else if (format === 'pylock') {
      const vcs = pkg['vcs'];
      if (isTable(vcs) && isStr(vcs['url'])) {
        const commit = isStr(vcs['commit-id']) ? vcs['commit-id'] : undefined;
        const type = isStr(vcs['type']) && ['git', 'hg', 'svn', 'bzr'].includes(vcs['type']) ? (vcs['type'] as 'git') : 'git';
        spec.url = vcs['url'];
        spec.vcs = { type, url: vcs['url'], ref: commit, commitPinned: isCommitId(commit) };
      }
      if (isTable(pkg['directory'])) {
        spec.local = true;
        local(pkg['directory']['path'], 'directory source');
      }
      if (isTable(pkg['archive'])) local(pkg['archive']['path'], 'archive path');
      if (isStr(pkg['index'])) indexes.add(pkg['index']);
    }
    if (skip) return;
    const hashes = collectHashes(pkg);
    const old = metaFiles?.[name];
    if (Array.isArray(old)) for (const f of old) if (isTable(f) && isStr(f['hash'])) hashes.push(f['hash']);
    const groups = pkg['groups'];
    const group = Array.isArray(groups) && isStr(groups[0]) ? groups[0] : isStr(pkg['category']) ? pkg['category'] : 'main';
    const extra: Parameters<typeof makeRequirement>[2] = { group, role: 'lock', hashes };
    if (version) extra.version = version;
    const req: Requirement = makeRequirement(spec, sourceAt(file, format, line), extra);
    result.requirements.push(req);
  });
  for (const url of indexes) {
    if (isPypi(url)) continue;
    const n = lines.lines.findIndex((l) => l.includes(url));
    result.indexes.push({ url, kind: 'extra', source: sourceAt(file, format, n + 1) });
  }
  return result;
}
