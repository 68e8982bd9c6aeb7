/**
 * `setup.cfg` (setuptools declarative configuration): `[options] install_requires`,
 * `setup_requires`, `tests_require`, and `[options.extras_require]`. Values are INI
 * multi-line values (continuation lines are indented) or `;`-separated on one line.
 *
 * Source: setuptools "Configuring setuptools using setup.cfg files"
 * (<https://setuptools.pypa.io/en/latest/userguide/declarative_config.html>).
 */
import { makeRequirement, parsePep508 } from '../requirement.js';
import { readIni } from '../../core/ini.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';

const REQ_KEYS = new Map([
  ['install_requires', 'main'],
  ['setup_requires', 'build-system'],
  ['tests_require', 'test'],
]);

/** Parse a `setup.cfg`. */
export function parseSetupCfg(file: ManifestFile): ManifestResult {
  const result = emptyResult('setup-cfg');
  const { values, error } = readIni(file.text);
  if (error) result.diagnostics.push(parseError(file, `invalid setup.cfg: ${error.message}`, error.line));
  for (const v of values) {
    let group: string | undefined;
    if (v.section === 'options') group = REQ_KEYS.get(v.key);
    else if (v.section === 'options.extras_require') group = v.key;
    if (!group) continue;
    for (const item of v.items) {
      // One line may hold several requirements separated by ';' only when no marker is
      // present; setuptools splits on newlines first, so treat each line as one requirement.
      if (!item.text || item.text.startsWith('file:') || item.text.startsWith('attr:')) continue;
      const spec = parsePep508(item.text);
      if ('error' in spec) {
        result.diagnostics.push(parseError(file, `[${v.section}] ${v.key}: ${spec.error}`, item.line));
        continue;
      }
      result.requirements.push(makeRequirement(spec, sourceAt(file, 'setup-cfg', item.line), { group }));
    }
  }
  return result;
}
