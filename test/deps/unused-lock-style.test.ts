import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import type { DependencyInput } from '../../src/deps/index.js';

/** A project holding one requirements file with `text`, whose code imports only `requests`. */
function project(text: string): DependencyInput {
  const root = mkdtempSync(join(tmpdir(), 'krait-unused-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'main.py'), 'import requests\n');
  writeFileSync(join(root, 'requirements.txt'), text);
  return {
    roots: [root],
    files: [{ path: 'requirements.txt', absPath: join(root, 'requirements.txt'), kind: 'requirements' }],
    imports: [{ module: 'requests', path: 'app/main.py', line: 1 }],
    localModules: ['app'],
    online: false,
    dataDir: join(root, '.no-cache'),
  };
}

const unused = async (text: string): Promise<unknown[]> =>
  (await analyzeDependencies(project(text))).findings.filter((f) => f.ruleId === 'KR511').map((f) => f.properties?.['package']);

describe('KR511 unused-dependency and lock-style requirements files', () => {
  it('reports an unused requirement of a hand-written file with ranges', async () => {
    expect(await unused('requests>=2.31\nunused-thing>=1.0\n')).toEqual(['unused-thing']);
    // One loose line is enough to make the file hand-written.
    expect(await unused('requests==2.32.3\nunused-thing==1.0\nflask\n')).toEqual(['unused-thing', 'flask']);
  });

  it('does not report the pins of a fully pinned file (pip-compile / pip freeze output: transitive dependencies)', async () => {
    expect(await unused('requests==2.32.3\nunused-thing==1.0\nsome-transitive-lib==2.1.0\n')).toEqual([]);
  });

  it('does not report the pins of a file with --hash lines', async () => {
    const hashed = 'requests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\nsome-transitive-lib==2.1.0 \\\n    --hash=sha256:946d195a0d259cbba61165e88e65941f16e9b36ea6ddb97f00452bae8b1287d3\n';
    expect(await unused(hashed)).toEqual([]);
  });
});
