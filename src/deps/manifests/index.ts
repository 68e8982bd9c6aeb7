/**
 * Which parser reads which file. Discovery gives a `FileKind`; files it classed more
 * generally (`text`, `yaml`, `toml`, `json`) are recognised by their name.
 */
import { basename } from 'node:path';
import type { FileKind } from '../../core/file.js';
import type { ManifestFile, ManifestResult } from './common.js';
import { parseCondaEnv } from './conda.js';
import { parseDistMetadata } from './dist-metadata.js';
import { parseTomlLock } from './locks.js';
import { parsePipfile, parsePipfileLock } from './pipfile.js';
import { parsePyproject } from './pyproject.js';
import { parseRequirementsTxt } from './requirements-txt.js';
import { parseSetupCfg } from './setup-cfg.js';
import { parseSetupPy } from './setup-py.js';

export type { ManifestFile, ManifestResult } from './common.js';

/** The manifest kinds krait reads. */
export type ManifestKind =
  | 'requirements'
  | 'pyproject'
  | 'setup-cfg'
  | 'setup-py'
  | 'pipfile'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'pylock'
  | 'conda-env'
  | 'dist-metadata';

/** The manifest kind of a file, from discovery's kind or, failing that, its name; undefined if not a manifest. */
export function manifestKind(path: string, kind?: FileKind): ManifestKind | undefined {
  const manifestKinds: readonly string[] = [
    'requirements', 'pyproject', 'setup-cfg', 'setup-py', 'pipfile', 'pipfile-lock', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock', 'conda-env', 'dist-metadata',
  ];
  if (kind && manifestKinds.includes(kind)) return kind as ManifestKind;
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup-cfg';
  if (lower === 'setup.py') return 'setup-py';
  if (name === 'METADATA' || name === 'PKG-INFO') return 'dist-metadata';
  if (name === 'Pipfile') return 'pipfile';
  if (name === 'Pipfile.lock') return 'pipfile-lock';
  if (lower === 'poetry.lock') return 'poetry-lock';
  if (lower === 'uv.lock') return 'uv-lock';
  if (lower === 'pdm.lock') return 'pdm-lock';
  if (lower === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(lower)) return 'pylock';
  if (/^(environment|env|conda)[-_.\w]*\.ya?ml$/.test(lower) && /^environment/.test(lower)) return 'conda-env';
  if (/^requirements.*\.(txt|in)$/.test(lower) || /\.(txt|in)$/.test(lower) && /requirements[\\/]/.test(path.toLowerCase())) return 'requirements';
  if (/^(constraints|dev-requirements|test-requirements)[-_.\w]*\.(txt|in)$/.test(lower)) return 'requirements';
  return undefined;
}

/**
 * Parse one manifest or lock file.
 * @param opts.root scan root (for `-r` includes outside the file's folder)
 * @param opts.seen files already parsed (requirements includes are read once)
 */
export function parseManifest(file: ManifestFile, kind: ManifestKind, opts: { root?: string; seen?: Set<string> } = {}): ManifestResult {
  switch (kind) {
    case 'requirements':
      return parseRequirementsTxt(file, opts);
    case 'pyproject':
      return parsePyproject(file);
    case 'setup-cfg':
      return parseSetupCfg(file);
    case 'setup-py':
      return parseSetupPy(file);
    case 'pipfile':
      return parsePipfile(file);
    case 'pipfile-lock':
      return parsePipfileLock(file);
    case 'poetry-lock':
    case 'uv-lock':
    case 'pdm-lock':
    case 'pylock':
      return parseTomlLock(file, kind);
    case 'conda-env':
      return parseCondaEnv(file);
    case 'dist-metadata':
      return parseDistMetadata(file);
  }
}
