/**
 * Conda `environment.yml`: only the `pip:` list inside `dependencies` is read (those are
 * PyPI requirements, in requirements-file syntax); conda packages belong to another
 * ecosystem and the PyPI advisories do not apply to them.
 *
 * Source: conda "Managing environments — creating an environment file manually".
 */
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../core/lazy.js';
import { makeRequirement, parsePep508 } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';
import { firstLine } from '../../core/text.js';

/** Loaded when an environment file is first read (start-up). */
const yaml = lazyRequire<typeof Yaml>('yaml');

/** Parse an `environment.yml`. */
export function parseCondaEnv(file: ManifestFile): ManifestResult {
  const result = emptyResult('conda-env');
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(file.text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e?.pos ? lc.linePos(e.pos[0]).line : undefined;
    result.diagnostics.push(parseError(file, `invalid YAML: ${firstLine(e ?? 'error')}`, line));
    return result;
  }
  const root = doc.contents;
  if (!yaml().isMap(root)) return result;
  const deps = root.get('dependencies', true);
  if (!yaml().isSeq(deps)) return result;
  for (const item of deps.items) {
    if (!yaml().isMap(item)) continue;
    const pip = item.get('pip', true);
    if (!yaml().isSeq(pip)) continue;
    for (const entry of pip.items) {
      if (!yaml().isScalar(entry) || typeof entry.value !== 'string') continue;
      const line = entry.range ? lc.linePos(entry.range[0]).line : 1;
      const text = entry.value.trim();
      if (text.startsWith('-')) {
        const m = /^(?:--extra-index-url|--index-url|-i)[=\s]+(\S+)/.exec(text);
        if (m?.[1]) result.indexes.push({ url: m[1], kind: text.startsWith('--extra') ? 'extra' : 'primary', source: sourceAt(file, 'conda-env', line) });
        continue; // -r / -e inside environment.yml are resolved by pip at install time
      }
      const spec = parsePep508(text.replace(/\s+--hash\S*.*$/, ''));
      if ('error' in spec) {
        result.diagnostics.push(parseError(file, `pip: ${spec.error}`, line));
        continue;
      }
      result.requirements.push(makeRequirement(spec, sourceAt(file, 'conda-env', line), { group: 'main' }));
    }
  }
  return result;
}
