/**
 * pip requirements files (`requirements*.txt`, pip-tools `*.in`): one requirement per
 * logical line, `\` continuations, `#` comments, `-r`/`-c` includes (resolved relative
 * to the including file, followed once each), `-e` editable installs, bare URLs, VCS
 * URLs, paths, per-requirement `--hash`, and the global options that matter to an audit
 * (`--index-url`, `--extra-index-url`, `--find-links`, `--trusted-host`, `--require-hashes`).
 *
 * Source of the format: pip's "Requirements File Format"
 * (<https://pip.pypa.io/en/stable/reference/requirements-file-format/>).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { DEFAULT_INCLUDE_LIMIT, localTarget, outsideReason, readInclude, type IncludeRead } from './include.js';
import { parsePep508, parseVcsUrl, makeRequirement, type ParsedSpec } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';

const FORMAT = 'requirements';

/** A logical line: the text with continuations joined, and its first/last physical line. */
interface LogicalLine {
  text: string;
  start: number;
  end: number;
}

/** Join `\` continuations and strip comments (pip: `#` at line start or after whitespace). */
export function logicalLines(text: string): LogicalLine[] {
  const phys = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: LogicalLine[] = [];
  let buf = '';
  let start = 0;
  phys.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (!buf) start = i + 1;
    if (/\\$/.test(line)) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    if (buf.trim()) out.push({ text: buf.trim(), start, end: i + 1 });
    buf = '';
  });
  if (buf.trim()) out.push({ text: buf.trim(), start, end: phys.length });
  return out;
}

/** Name and version from an archive file name (`pkg-1.0.tar.gz`, `pkg-1.0-py3-none-any.whl`). */
function nameFromArchive(url: string): { name: string; version?: string } | undefined {
  const file = decodeURIComponent(basename(url.split(/[?#]/)[0] ?? ''));
  let m = /^([A-Za-z0-9][A-Za-z0-9._]*?)-([0-9][^-]*)-.*\.whl$/i.exec(file);
  if (m?.[1]) return { name: m[1], version: m[2] };
  m = /^(.+?)-([0-9][^-]*?)\.(tar\.gz|tar\.bz2|tgz|zip|tar)$/i.exec(file);
  if (m?.[1]) return { name: m[1], version: m[2] };
  return undefined;
}

/** A requirement that is a URL or path rather than PEP 508 (`-e ./lib`, `git+https://…#egg=x`). */
function parseUrlRequirement(target: string): ParsedSpec | undefined {
  const vcs = parseVcsUrl(target);
  if (vcs) {
    const name = vcs.egg?.split('[')[0] ?? basename(vcs.vcs.url).replace(/\.git$/i, '');
    return { name, extras: [], specifier: '', url: target, vcs: vcs.vcs };
  }
  const egg = /#(?:.*&)?egg=([^&]+)/.exec(target)?.[1];
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
  const isPath = !isUrl && (/^(\.{1,2}[\\/]|[\\/]|\.$|~)/.test(target) || /\.(whl|tar\.gz|zip|tgz)$/i.test(target));
  if (!isUrl && !isPath) return undefined;
  const fromFile = nameFromArchive(target);
  const name = egg?.split('[')[0] ?? fromFile?.name;
  if (!name) return undefined;
  const spec: ParsedSpec = { name, extras: [], specifier: fromFile?.version ? `==${fromFile.version}` : '', url: target };
  if (isPath || /^file:/i.test(target)) spec.local = true;
  return spec;
}

/**
 * Parse a requirements file and, recursively, the files it includes.
 *
 * Includes are hostile input: `-r`/`-c` are followed only to regular files inside the scan
 * root (after resolving symbolic links), within `maxBytes`, each once (cycles end); any
 * other include — `/etc/passwd`, `/dev/zero`, a FIFO, `../../outside`, a link out of the
 * project — is never opened and becomes a diagnostic naming it. `-e` and path requirements
 * that point outside the root get a diagnostic too (they are never opened).
 * @param file the file (path relative to its scan root, absolute path, text)
 * @param opts.root the scan root: includes must stay inside it (default: the file's folder)
 * @param opts.seen real paths already parsed (a file included twice is read once)
 * @param opts.role `constraint` for files reached through `-c`
 * @param opts.readFile reads an included file that passed the checks (tests may substitute it)
 * @param opts.maxBytes size limit of an included file (default 5 MB)
 */
export function parseRequirementsTxt(
  file: ManifestFile,
  opts: { root?: string; seen?: Set<string>; role?: 'requirement' | 'constraint'; readFile?: (abs: string) => string; group?: string; maxBytes?: number } = {},
): ManifestResult {
  const result = emptyResult(FORMAT);
  const seen = opts.seen ?? new Set<string>();
  seen.add(resolve(file.absPath));
  try {
    seen.add(realpathSync.native(file.absPath));
  } catch {
    /* a file given by text only (tests) */
  }
  const root = opts.root ?? dirname(file.absPath);
  let realRoot = root;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    /* keep the lexical root */
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_INCLUDE_LIMIT;
  const read = (abs: string): IncludeRead => {
    const r = readInclude(abs, root, maxBytes);
    if (!r.ok || !opts.readFile) return r;
    return { ok: true, real: r.real, text: opts.readFile(r.real) };
  };
  const role = opts.role ?? 'requirement';
  const group = opts.group ?? (/(^|[-_.])(dev|test|tests|testing|lint|docs?)([-_.]|$)/i.test(basename(file.path)) ? 'dev' : 'main');
  result.included = [];
  /** A diagnostic when a local path (`-e ../x`, `file:…`, `./pkg.whl`) points outside the root. */
  const checkLocal = (what: string, target: string, line: number) => {
    const abs = localTarget(target, dirname(file.absPath));
    if (abs === undefined) return;
    const why = outsideReason(abs, root);
    if (why) result.diagnostics.push(parseError(file, `${what} ${target}: not followed (${why})`, line));
  };

  for (const ll of logicalLines(file.text)) {
    const words = ll.text.split(/\s+/);
    const first = words[0] ?? '';
    if (first.startsWith('-')) {
      // Global option line (or -e). `--opt=value` and `--opt value` both occur.
      const eq = first.indexOf('=');
      const opt = eq > 0 && first.startsWith('--') ? first.slice(0, eq) : /^-[a-z]./i.test(first) && !first.startsWith('--') ? first.slice(0, 2) : first;
      const value = (eq > 0 && first.startsWith('--') ? first.slice(eq + 1) : opt.length < first.length ? first.slice(opt.length) : words[1]) ?? '';
      const src = sourceAt(file, FORMAT, ll.start, ll.end);
      switch (opt) {
        case '-r':
        case '--requirement':
        case '-c':
        case '--constraint': {
          if (!value) {
            result.diagnostics.push(parseError(file, `${opt} without a file name`, ll.start));
            break;
          }
          if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value)) {
            result.diagnostics.push(parseError(file, `${opt} ${value}: remote requirement files are not fetched (krait works offline)`, ll.start));
            break;
          }
          const abs = localTarget(value, dirname(file.absPath)) ?? resolve(dirname(file.absPath), value);
          const got = read(abs);
          if (!got.ok) {
            result.diagnostics.push(parseError(file, `${opt} ${value}: ${got.reason}`, ll.start));
            break;
          }
          if (seen.has(got.real) || seen.has(abs)) break;
          seen.add(got.real);
          const rel = relative(realRoot, got.real).split(sep).join('/');
          const sub = parseRequirementsTxt(
            { path: rel, absPath: got.real, text: got.text },
            { root, seen, readFile: opts.readFile, maxBytes, role: opt === '-c' || opt === '--constraint' ? 'constraint' : role },
          );
          result.included.push(rel, ...(sub.included ?? []));
          result.requirements.push(...sub.requirements);
          result.indexes.push(...sub.indexes);
          result.diagnostics.push(...sub.diagnostics);
          if (sub.requireHashes) result.requireHashes = true;
          break;
        }
        case '-i':
        case '--index-url':
          if (value) result.indexes.push({ url: value, kind: 'primary', source: src });
          break;
        case '--extra-index-url':
          if (value) result.indexes.push({ url: value, kind: 'extra', source: src });
          break;
        case '-f':
        case '--find-links':
          if (value) result.indexes.push({ url: value, kind: 'find-links', source: src });
          break;
        case '--require-hashes':
          result.requireHashes = true;
          break;
        case '-e':
        case '--editable': {
          if (value) checkLocal(opt, value, ll.start);
          const spec = parseUrlRequirement(value) ?? (value ? ({ ...parsePep508(value) } as ParsedSpec) : undefined);
          if (!spec || 'error' in spec || !spec.name) {
            // `-e .` / `-e ./path` without #egg: the project itself or a local package.
            break;
          }
          if (!spec.vcs) spec.local = true;
          result.requirements.push(makeRequirement(spec, src, { group, role, editable: true }));
          break;
        }
        default:
          // --pre, --no-index, --trusted-host, --no-binary…: no requirement on this line.
          break;
      }
      continue;
    }

    // A requirement, possibly followed by per-requirement options (--hash=…).
    const optAt = ll.text.search(/\s--?[a-z]/i);
    const reqText = (optAt >= 0 ? ll.text.slice(0, optAt) : ll.text).trim();
    const optText = optAt >= 0 ? ll.text.slice(optAt) : '';
    const hashes = [...optText.matchAll(/--hash[=\s]+(\S+)/g)].map((m) => m[1] ?? '').filter(Boolean);
    const src = sourceAt(file, FORMAT, ll.start, ll.end);
    const urlSpec = parseUrlRequirement(reqText);
    if (urlSpec?.local && urlSpec.url) checkLocal('local requirement', urlSpec.url, ll.start);
    else {
      // `name @ file:///…` (PEP 508 direct reference to a local path).
      const at = /^[^@]*@\s*(file:\S+)/i.exec(reqText);
      if (at?.[1]) checkLocal('local requirement', at[1], ll.start);
    }
    const spec = urlSpec ?? parsePep508(reqText);
    if ('error' in spec) {
      result.diagnostics.push(parseError(file, `line ${ll.start}: ${spec.error}`, ll.start));
      continue;
    }
    result.requirements.push(makeRequirement(spec, src, { group, role, hashes }));
  }
  return result;
}
