/** Core metadata (`*.dist-info/METADATA`, `PKG-INFO`) as a dependency manifest. */
import { describe, expect, it } from 'vitest';
import { fileKind } from '../../src/core/file-kinds.js';
import { manifestKind, parseManifest } from '../../src/deps/manifests/index.js';

const TEXT = [
  'Metadata-Version: 2.1',
  'Name: requests',
  'Version: 2.19.0',
  'requires-dist: chardet (<3.1.0,>=3.0.2)',
  'Requires-Dist: urllib3 (<1.24,>=1.21.1)',
  "Requires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'",
  'Requires-Dist: win-inet-pton ;',
  '  sys_platform == "win32" and extra == "socks"',
  'Requires-Dist: !!bad',
  'Requires-Python: >=2.7',
  '',
  'Requires-Dist: in-the-description (>=1)',
].join('\n');

describe('dist metadata', () => {
  it('is recognised by name', () => {
    expect(fileKind('METADATA')).toBe('dist-metadata');
    expect(fileKind('PKG-INFO')).toBe('dist-metadata');
    expect(fileKind('metadata')).toBeNull();
    expect(manifestKind('requests-2.19.0.dist-info/METADATA')).toBe('dist-metadata');
  });

  it('reads Requires-Dist headers (folded lines, extras as groups) and stops at the description', () => {
    const r = parseManifest({ path: 'x.dist-info/METADATA', absPath: '/x/METADATA', text: TEXT }, 'dist-metadata');
    expect(r.format).toBe('dist-metadata');
    expect(r.requirements.map((q) => [q.name, q.specifier, q.group, q.source.line, q.source.endLine])).toEqual([
      ['chardet', '<3.1.0,>=3.0.2', 'main', 4, 4],
      ['urllib3', '<1.24,>=1.21.1', 'main', 5, 5],
      ['PySocks', '!=1.5.7,>=1.5.6', 'socks', 6, 6],
      ['win-inet-pton', '', 'socks', 7, 8],
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ kind: 'parse-error', line: 9 })]);
  });
});
