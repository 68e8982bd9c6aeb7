/**
 * `pyproject.toml`: PEP 621 `[project]` dependencies and optional dependencies, PEP 735
 * `[dependency-groups]`, `[build-system].requires`, and the tool tables that declare
 * dependencies or indexes: Poetry (`[tool.poetry.dependencies]`, `dev-dependencies`,
 * `group.<g>.dependencies`, `[[tool.poetry.source]]`), PDM (`[tool.pdm.dev-dependencies]`,
 * `[[tool.pdm.source]]`), uv (`[tool.uv] dev-dependencies`, `[tool.uv.sources]`,
 * `[[tool.uv.index]]`, `index-url`/`extra-index-url`) and Hatch
 * (`[tool.hatch.envs.<env>] dependencies`/`extra-dependencies`).
 *
 * Sources: PEP 621, PEP 735; Poetry's "pyproject.toml" and "Dependency specification"
 * pages; PDM's and uv's "Managing dependencies" pages; Hatch's "Environment configuration".
 */
import { parse as parseToml } from 'smol-toml';
import { isCommitId, makeRequirement, parsePep508, type ParsedSpec } from '../requirement.js';
import type { PackageIndex, Requirement } from '../types.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';
import { firstLine } from '../../core/text.js';
import { TomlLines } from './lines.js';
import { poetryToPep440 } from './poetry-constraint.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Parse a `pyproject.toml`. A TOML syntax error gives one `parse-error` diagnostic and no requirements. */
export function parsePyproject(file: ManifestFile): ManifestResult {
  const result = emptyResult('pyproject');
  let doc: Table;
  try {
    doc = parseToml(file.text);
  } catch (e) {
    const line = (e as { line?: number }).line;
    result.diagnostics.push(parseError(file, `invalid TOML: ${firstLine(e)}`, line));
    return result;
  }
  const lines = new TomlLines(file.text);
  const used = new Set<number>();

  /** A list of PEP 508 strings under `header`.`key`. */
  const pep508List = (list: unknown, header: string, key: string, format: string, group: string): void => {
    if (!Array.isArray(list)) return;
    const span = lines.arraySpan(header, key);
    for (const item of list) {
      if (!isStr(item)) continue; // PEP 735 `{include-group = "…"}` entries
      const line = lines.stringLine(item, span, used) ?? span?.start ?? lines.keyLine(header, key);
      const spec = parsePep508(item);
      if ('error' in spec) {
        result.diagnostics.push(parseError(file, `${header}.${key}: ${spec.error}`, line));
        continue;
      }
      result.requirements.push(makeRequirement(spec, sourceAt(file, format, line), { group }));
    }
  };

  // PEP 621.
  const project = isTable(doc['project']) ? doc['project'] : undefined;
  if (project) {
    pep508List(project['dependencies'], 'project', 'dependencies', 'pyproject:pep621', 'main');
    const opt = project['optional-dependencies'];
    if (isTable(opt)) {
      for (const [extra, list] of Object.entries(opt)) pep508List(list, 'project.optional-dependencies', extra, 'pyproject:pep621', extra);
    }
  }
  // PEP 735.
  const groups = doc['dependency-groups'];
  if (isTable(groups)) for (const [g, list] of Object.entries(groups)) pep508List(list, 'dependency-groups', g, 'pyproject:pep735', g);
  // Build requirements.
  const build = doc['build-system'];
  if (isTable(build)) pep508List(build['requires'], 'build-system', 'requires', 'pyproject:build-system', 'build-system');

  const tool = isTable(doc['tool']) ? doc['tool'] : {};

  // Poetry.
  const poetry = isTable(tool['poetry']) ? tool['poetry'] : undefined;
  if (poetry) {
    const tables: [string, unknown, string][] = [
      ['tool.poetry.dependencies', poetry['dependencies'], 'main'],
      ['tool.poetry.dev-dependencies', poetry['dev-dependencies'], 'dev'],
    ];
    if (isTable(poetry['group'])) {
      for (const [g, body] of Object.entries(poetry['group'])) {
        if (isTable(body)) tables.push([`tool.poetry.group.${g}.dependencies`, body['dependencies'], g]);
      }
    }
    for (const [header, table, group] of tables) {
      if (!isTable(table)) continue;
      for (const [name, value] of Object.entries(table)) {
        if (name.toLowerCase() === 'python') continue;
        const line = lines.keyLine(header, name);
        for (const v of Array.isArray(value) ? value : [value]) {
          const req = poetryDependency(name, v, group);
          if (req) result.requirements.push(makeRequirement(req.spec, sourceAt(file, 'pyproject:poetry', line), req.extra));
        }
      }
    }
    addSources(result.indexes, poetry['source'], 'tool.poetry.source', lines, file, (s) => (s['priority'] === 'primary' || s['default'] === true ? 'primary' : 'extra'));
  }

  // PDM.
  const pdm = isTable(tool['pdm']) ? tool['pdm'] : undefined;
  if (pdm) {
    const dev = pdm['dev-dependencies'];
    if (isTable(dev)) for (const [g, list] of Object.entries(dev)) pep508List(list, 'tool.pdm.dev-dependencies', g, 'pyproject:pdm', g);
    addSources(result.indexes, pdm['source'], 'tool.pdm.source', lines, file, (s) => (s['name'] === 'pypi' ? 'primary' : 'extra'));
  }

  // uv.
  const uv = isTable(tool['uv']) ? tool['uv'] : undefined;
  if (uv) {
    pep508List(uv['dev-dependencies'], 'tool.uv', 'dev-dependencies', 'pyproject:uv', 'dev');
    addSources(result.indexes, uv['index'], 'tool.uv.index', lines, file, (s) => (s['default'] === true ? 'primary' : 'extra'));
    if (isStr(uv['index-url'])) result.indexes.push({ url: uv['index-url'], kind: 'primary', source: sourceAt(file, 'pyproject:uv', lines.keyLine('tool.uv', 'index-url')) });
    const extra = uv['extra-index-url'];
    for (const u of Array.isArray(extra) ? extra : [])
      if (isStr(u)) result.indexes.push({ url: u, kind: 'extra', source: sourceAt(file, 'pyproject:uv', lines.keyLine('tool.uv', 'extra-index-url')) });
    const sources = uv['sources'];
    if (isTable(sources)) applyUvSources(result.requirements, sources);
  }

  // Hatch environments.
  const hatch = isTable(tool['hatch']) ? tool['hatch'] : undefined;
  const envs = hatch && isTable(hatch['envs']) ? hatch['envs'] : undefined;
  if (envs) {
    for (const [env, body] of Object.entries(envs)) {
      if (!isTable(body)) continue;
      for (const key of ['dependencies', 'extra-dependencies']) pep508List(body[key], `tool.hatch.envs.${env}`, key, 'pyproject:hatch', `hatch:${env}`);
    }
  }
  return result;
}

/** One Poetry dependency value (string or table) → parts; undefined for unusable values. */
export function poetryDependency(
  name: string,
  v: unknown,
  group: string,
): { spec: ParsedSpec; extra: Parameters<typeof makeRequirement>[2] } | undefined {
  const spec: ParsedSpec = { name, extras: [], specifier: '' };
  const extra: NonNullable<Parameters<typeof makeRequirement>[2]> = { group };
  if (isStr(v)) {
    const c = poetryToPep440(v);
    spec.specifier = c.specifier;
    if (c.anyOf) extra.specifierAnyOf = c.anyOf;
    return { spec, extra };
  }
  if (!isTable(v)) return undefined;
  if (isStr(v['version'])) {
    const c = poetryToPep440(v['version']);
    spec.specifier = c.specifier;
    if (c.anyOf) extra.specifierAnyOf = c.anyOf;
  }
  if (Array.isArray(v['extras'])) spec.extras = v['extras'].filter(isStr);
  if (isStr(v['markers'])) spec.marker = v['markers'];
  if (isStr(v['git'])) {
    const ref = [v['rev'], v['tag'], v['branch']].find(isStr);
    spec.url = v['git'];
    spec.vcs = { type: 'git', url: v['git'], ref, commitPinned: isCommitId(ref) };
  } else if (isStr(v['path'])) {
    spec.url = v['path'];
    spec.local = true;
    if (v['develop'] === true) extra.editable = true;
  } else if (isStr(v['url'])) {
    spec.url = v['url'];
  }
  return { spec, extra };
}

/** `[[tool.*.source]]` / `[[tool.uv.index]]` arrays → indexes. */
function addSources(
  out: PackageIndex[],
  list: unknown,
  header: string,
  lines: TomlLines,
  file: ManifestFile,
  kindOf: (s: Table) => PackageIndex['kind'],
): void {
  if (!Array.isArray(list)) return;
  const spans = lines.spans(header);
  list.forEach((s, i) => {
    if (!isTable(s) || !isStr(s['url'])) return;
    const span = spans[i];
    const line = span ? lines.keyLine(header, 'url', span) : 1;
    out.push({ url: s['url'], kind: kindOf(s), source: sourceAt(file, `pyproject:${header.split('.')[1] ?? 'tool'}`, line) });
  });
}

/** `[tool.uv.sources]`: `name = { git = …, rev = … }` / `{ path = … }` / `{ url = … }` override where a requirement comes from. */
function applyUvSources(reqs: Requirement[], sources: Table): void {
  for (const [name, raw] of Object.entries(sources)) {
    const src: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (!isTable(src)) continue;
    const norm = name.toLowerCase().replace(/[-_.]+/g, '-');
    for (const r of reqs) {
      if (r.normalizedName !== norm) continue;
      if (isStr(src['git'])) {
        const ref = [src['rev'], src['tag'], src['branch']].find(isStr);
        r.url = src['git'];
        r.vcs = { type: 'git', url: src['git'], ref, commitPinned: isCommitId(ref) };
      } else if (isStr(src['path'])) {
        r.url = src['path'];
        r.local = true;
        if (src['editable'] === true) r.editable = true;
      } else if (isStr(src['url'])) {
        r.url = src['url'];
      } else if (src['workspace'] === true) {
        r.local = true;
      }
    }
  }
}
