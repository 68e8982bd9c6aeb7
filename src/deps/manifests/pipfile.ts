/**
 * Pipenv's `Pipfile` (TOML: `[packages]`, `[dev-packages]`, custom categories,
 * `[[source]]`) and `Pipfile.lock` (JSON: `_meta.sources`, `default`, `develop`, with
 * `==` versions and hashes).
 *
 * Source: Pipenv docs, "Pipfile & Pipfile.lock" (<https://pipenv.pypa.io/en/latest/pipfile.html>).
 */
import { parse as parseToml } from 'smol-toml';
import { isCommitId, makeRequirement, type ParsedSpec } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';
import { firstLine } from '../../core/text.js';
import { escapeRe, TomlLines } from './lines.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Pipfile version strings are PEP 440 specifiers, `*` = any; a bare version means `==`. */
function pipfileSpecifier(v: string): string {
  const s = v.trim();
  if (s === '*' || s === '') return '';
  if (/^[0-9]/.test(s)) return `==${s}`;
  return s.replace(/\s+/g, '');
}

/** Parse a `Pipfile`. */
export function parsePipfile(file: ManifestFile): ManifestResult {
  const result = emptyResult('pipfile');
  let doc: Table;
  try {
    doc = parseToml(file.text);
  } catch (e) {
    result.diagnostics.push(parseError(file, `invalid TOML: ${firstLine(e)}`, (e as { line?: number }).line));
    return result;
  }
  const lines = new TomlLines(file.text);
  for (const [section, body] of Object.entries(doc)) {
    if (section === 'source' || section === 'requires' || section === 'pipenv' || section === 'scripts' || !isTable(body)) continue;
    const group = section === 'packages' ? 'main' : section === 'dev-packages' ? 'dev' : section;
    for (const [name, v] of Object.entries(body)) {
      const line = lines.keyLine(section, name);
      const spec: ParsedSpec = { name, extras: [], specifier: '' };
      let editable = false;
      if (isStr(v)) spec.specifier = pipfileSpecifier(v);
      else if (isTable(v)) {
        if (isStr(v['version'])) spec.specifier = pipfileSpecifier(v['version']);
        if (Array.isArray(v['extras'])) spec.extras = v['extras'].filter(isStr);
        if (isStr(v['markers'])) spec.marker = v['markers'];
        editable = v['editable'] === true;
        if (isStr(v['git'])) {
          const ref = isStr(v['ref']) ? v['ref'] : undefined;
          spec.url = v['git'];
          spec.vcs = { type: 'git', url: v['git'], ref, commitPinned: isCommitId(ref) };
        } else if (isStr(v['path'])) {
          spec.url = v['path'];
          spec.local = true;
        } else if (isStr(v['file'])) spec.url = v['file'];
      } else continue;
      result.requirements.push(makeRequirement(spec, sourceAt(file, 'pipfile', line), { group, editable }));
    }
  }
  const sources = doc['source'];
  if (Array.isArray(sources)) {
    const spans = lines.spans('source');
    sources.forEach((s, i) => {
      if (!isTable(s) || !isStr(s['url'])) return;
      const span = spans[i];
      const line = span ? lines.keyLine('source', 'url', span) : 1;
      result.indexes.push({ url: s['url'], kind: i === 0 ? 'primary' : 'extra', source: sourceAt(file, 'pipfile', line) });
    });
  }
  return result;
}

/** Parse a `Pipfile.lock`. */
export function parsePipfileLock(file: ManifestFile): ManifestResult {
  const result = emptyResult('pipfile-lock', true);
  let doc: Table;
  try {
    const parsed: unknown = JSON.parse(file.text);
    if (!isTable(parsed)) throw new Error('top level is not an object');
    doc = parsed;
  } catch (e) {
    result.diagnostics.push(parseError(file, `invalid JSON: ${firstLine(e)}`));
    return result;
  }
  const textLines = file.text.split(/\r\n|\r|\n/);
  // Line of `"name": {` inside the section `"section": {`.
  const lineOf = (section: string, name: string): number => {
    const secRe = new RegExp(`^\\s*"${escapeRe(section)}"\\s*:`);
    const keyRe = new RegExp(`^\\s*"${escapeRe(name)}"\\s*:\\s*\\{`);
    let inSection = false;
    for (let i = 0; i < textLines.length; i++) {
      const l = textLines[i] ?? '';
      if (secRe.test(l)) inSection = true;
      else if (inSection && keyRe.test(l)) return i + 1;
    }
    return 1;
  };
  for (const section of Object.keys(doc)) {
    if (section === '_meta') continue;
    const body = doc[section];
    if (!isTable(body)) continue;
    const group = section === 'default' ? 'main' : section === 'develop' ? 'dev' : section;
    for (const [name, v] of Object.entries(body)) {
      if (!isTable(v)) continue;
      const spec: ParsedSpec = { name, extras: Array.isArray(v['extras']) ? v['extras'].filter(isStr) : [], specifier: '' };
      if (isStr(v['version'])) spec.specifier = v['version'].replace(/\s+/g, '');
      if (isStr(v['markers'])) spec.marker = v['markers'];
      if (isStr(v['git'])) {
        const ref = isStr(v['ref']) ? v['ref'] : undefined;
        spec.url = v['git'];
        spec.vcs = { type: 'git', url: v['git'], ref, commitPinned: isCommitId(ref) };
      } else if (isStr(v['path'])) {
        spec.url = v['path'];
        spec.local = true;
      }
      const hashes = Array.isArray(v['hashes']) ? v['hashes'].filter(isStr) : [];
      result.requirements.push(
        makeRequirement(spec, sourceAt(file, 'pipfile-lock', lineOf(section, name)), { group, role: 'lock', hashes, editable: v['editable'] === true }),
      );
    }
  }
  const meta = doc['_meta'];
  const sources = isTable(meta) ? meta['sources'] : undefined;
  if (Array.isArray(sources)) {
    sources.forEach((s, i) => {
      if (!isTable(s) || !isStr(s['url'])) return;
      const idx = textLines.findIndex((l) => l.includes(JSON.stringify(s['url'])));
      result.indexes.push({ url: s['url'], kind: i === 0 ? 'primary' : 'extra', source: sourceAt(file, 'pipfile-lock', idx + 1) });
    });
  }
  return result;
}
