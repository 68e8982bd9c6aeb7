/**
 * Core metadata of a built or source distribution: a wheel's `*.dist-info/METADATA` and an
 * sdist's `PKG-INFO`. Its `Requires-Dist:` headers are the package's dependencies; a
 * marker `extra == "name"` puts a requirement in that extra's group. Only the header
 * block is read (it ends at the first blank line; the description follows). Headers may
 * be folded onto indented continuation lines (RFC 822), and are case-insensitive.
 *
 * Source: PyPA "Core metadata specifications", Requires-Dist (metadata 1.2+)
 * (<https://packaging.python.org/en/latest/specifications/core-metadata/#requires-dist-multiple-use>).
 */
import { makeRequirement, parsePep508 } from '../requirement.js';
import { emptyResult, parseError, sourceAt, type ManifestFile, type ManifestResult } from './common.js';

const EXTRA_MARKER = /\bextra\s*==\s*(['"])([^'"]+)\1/;

/** Parse a `METADATA` / `PKG-INFO` file. Unparsable `Requires-Dist` values become `parse-error` diagnostics. */
export function parseDistMetadata(file: ManifestFile): ManifestResult {
  const result = emptyResult('dist-metadata');
  const lines = file.text.split(/\r\n|\r|\n/);
  const headers: { key: string; value: string; line: number; endLine: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') break;
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(raw) && last) {
      last.value += ` ${raw.trim()}`;
      last.endLine = i + 1;
      continue;
    }
    const m = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(raw);
    if (m?.[1]) headers.push({ key: m[1].toLowerCase(), value: (m[2] ?? '').trim(), line: i + 1, endLine: i + 1 });
  }
  for (const h of headers) {
    if (h.key !== 'requires-dist' || !h.value) continue;
    const spec = parsePep508(h.value);
    if ('error' in spec) {
      result.diagnostics.push(parseError(file, `Requires-Dist: ${spec.error}`, h.line));
      continue;
    }
    const group = (spec.marker && EXTRA_MARKER.exec(spec.marker)?.[2]) || 'main';
    result.requirements.push(makeRequirement(spec, sourceAt(file, 'dist-metadata', h.line, h.endLine), { group }));
  }
  return result;
}
