/**
 * `setup.cfg` (setuptools declarative configuration): `[options] install_requires`,
 * `setup_requires`, `tests_require`, and `[options.extras_require]`. Values are INI
 * multi-line values (continuation lines are indented) or `;`-separated on one line.
 *
 * Source: setuptools "Configuring setuptools using setup.cfg files"
 * (<https://setuptools.pypa.io/en/latest/userguide/declarative_config.html>).
 */
import { makeRequirement, parsePep508 } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';

interface IniValue {
  section: string;
  key: string;
  /** Each non-empty value line with its 1-based line number. */
  items: { text: string; line: number }[];
}

/** A small INI reader that keeps line numbers (configparser's multi-line rules). */
export function readIni(text: string): { values: IniValue[]; error?: { line: number; message: string } } {
  const values: IniValue[] = [];
  let section = '';
  let current: IniValue | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const n = i + 1;
    // Full-line comments (also inside multi-line values) and blank lines. configparser, as
    // setuptools configures it, has no inline comments: `; marker` stays part of the value.
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const sec = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (sec?.[1]) {
      section = sec[1].trim();
      current = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current) {
      current.items.push({ text: raw.trim(), line: n });
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv?.[1]) return { values, error: { line: n, message: `line ${n}: expected "key = value" or a [section]` } };
    current = { section, key: kv[1].trim(), items: [] };
    const v = (kv[2] ?? '').trim();
    if (v) current.items.push({ text: v, line: n });
    values.push(current);
  }
  return { values };
}

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
