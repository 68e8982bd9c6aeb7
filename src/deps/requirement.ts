/**
 * PEP 508 dependency specifiers (`name[extra1,extra2] (>=1.0,<2) ; python_version < "3.8"`,
 * `name @ https://…`) and the VCS URL forms pip accepts (`git+https://host/repo.git@ref#egg=name`).
 *
 * Sources: PEP 508 (<https://peps.python.org/pep-0508/>), pip's "VCS Support" page
 * (<https://pip.pypa.io/en/stable/topics/vcs-support/>).
 */
import { normalizeName, pinnedVersion } from './pep440.js';
import type { Requirement, RequirementSource, VcsReference } from './types.js';

/** What a PEP 508 string parses into (without the file position). */
export interface ParsedSpec {
  name: string;
  extras: string[];
  specifier: string;
  marker?: string;
  url?: string;
  vcs?: VcsReference;
  local?: boolean;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** A full commit id: 40 hex digits (SHA-1) or 64 (SHA-256). */
export function isCommitId(ref: string | undefined): boolean {
  return !!ref && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

/**
 * Parse a VCS URL (`git+https://github.com/o/r.git@v1.2#egg=name&subdirectory=x`).
 * @returns the reference and the `#egg=` name, or undefined when `url` is not a VCS URL.
 */
export function parseVcsUrl(url: string): { vcs: VcsReference; egg?: string } | undefined {
  const m = /^(git|hg|svn|bzr)\+([^#]+?)(?:#(.*))?$/i.exec(url.trim());
  if (!m || !m[1] || !m[2]) return undefined;
  const type = m[1].toLowerCase() as VcsReference['type'];
  let rest = m[2];
  let ref: string | undefined;
  // The ref is after the last '@' that follows the path (not the user@ of ssh/https URLs).
  const schemeEnd = rest.indexOf('://');
  const pathStart = schemeEnd >= 0 ? rest.indexOf('/', schemeEnd + 3) : 0;
  const at = rest.lastIndexOf('@');
  if (at > pathStart && pathStart >= 0) {
    ref = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const egg = m[3] ? /(?:^|&)egg=([^&]+)/.exec(m[3])?.[1] : undefined;
  return { vcs: { type, url: rest, ref: ref || undefined, commitPinned: isCommitId(ref) }, egg };
}

/** Split `spec ; marker`, respecting quotes in the marker. */
function splitMarker(text: string, urlForm: boolean): [string, string | undefined] {
  // In the URL form PEP 508 requires whitespace before ';' (a URL may contain ';').
  const re = urlForm ? /\s;/ : /;/;
  const m = re.exec(text);
  if (!m) return [text.trim(), undefined];
  const i = m.index + (urlForm ? 1 : 0);
  const marker = text.slice(i + 1).trim();
  return [text.slice(0, i).trim(), marker || undefined];
}

/**
 * Parse one PEP 508 requirement string.
 * @returns the parts, or an error message (one line) when the string is not PEP 508.
 */
export function parsePep508(input: string): ParsedSpec | { error: string } {
  const text = input.trim();
  const nm = NAME.exec(text);
  if (!nm || !nm[1]) return { error: 'not a requirement (no package name at the start)' };
  const name = nm[1];
  let rest = text.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { error: 'unclosed extras (a [ without ])' };
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) {
    const [url, marker] = splitMarker(rest.slice(1), true);
    if (!url) return { error: 'empty URL after @' };
    const parsed = parseVcsUrl(url);
    const local = /^(file:|\.{0,2}\/)/i.test(url);
    return { name, extras, specifier: '', marker, url, vcs: parsed?.vcs, local: local || undefined };
  }
  const [specPart, marker] = splitMarker(rest, false);
  let specifier = specPart.trim();
  if (specifier.startsWith('(')) {
    if (!specifier.endsWith(')')) return { error: 'unbalanced parenthesis' };
    specifier = specifier.slice(1, -1).trim();
  }
  specifier = specifier
    .split(',')
    .map((c) => c.replace(/\s+/g, ''))
    .filter(Boolean)
    .join(',');
  if (specifier && !/^(~=|===|==|!=|<=|>=|<|>)/.test(specifier)) {
    return { error: `bad version specifier for ${name}` };
  }
  return { name, extras, specifier, marker };
}

/** Build a {@link Requirement} from parsed parts and its position. */
export function makeRequirement(
  spec: ParsedSpec,
  source: RequirementSource,
  extra: Partial<Pick<Requirement, 'group' | 'role' | 'hashes' | 'editable' | 'version' | 'specifierAnyOf' | 'local'>> = {},
): Requirement {
  const req: Requirement = {
    name: spec.name,
    normalizedName: normalizeName(spec.name),
    extras: spec.extras,
    specifier: spec.specifier,
    hashes: extra.hashes ?? [],
    group: extra.group ?? 'main',
    role: extra.role ?? 'requirement',
    source,
  };
  const version = extra.version ?? pinnedVersion(spec.specifier);
  if (version) req.version = version;
  if (extra.specifierAnyOf) req.specifierAnyOf = extra.specifierAnyOf;
  if (spec.marker) req.marker = spec.marker;
  if (spec.url) req.url = spec.url;
  if (spec.vcs) req.vcs = spec.vcs;
  if (spec.local || extra.local) req.local = true;
  if (extra.editable) req.editable = true;
  return req;
}
