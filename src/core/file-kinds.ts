import type { FileKind } from '../core/file.js';

/**
 * The kind of a file from its name alone (never its content), or null when krait does
 * not analyse files like it. Names follow the tools that read them: pip
 * (requirements*.txt, *.in), PEP 621/517 (pyproject.toml), setuptools (setup.cfg,
 * setup.py), pipenv, poetry, uv, pdm, PEP 751 (pylock.toml), conda (environment.yml),
 * Docker and Compose; core metadata of distributions (a wheel's `METADATA`, an sdist's `PKG-INFO`).
 */
export function fileKind(name: string): FileKind | null {
  const lower = name.toLowerCase();
  // Lock files of other ecosystems hold hashes, not secrets; krait does not read them.
  if (lower === 'package-lock.json' || lower === 'npm-shrinkwrap.json' || lower === 'composer.lock' || lower === 'yarn.lock') return null;
  if (lower === 'setup.py') return 'setup-py';
  if (lower.endsWith('.py') || lower.endsWith('.pyw')) return 'python';
  if (lower.endsWith('.ipynb')) return 'notebook';
  if (/^(requirements|constraints)([-_.][\w.-]*)?\.(txt|in)$/.test(lower) || /^requirements\/.*\.(txt|in)$/.test(lower)) return 'requirements';
  if (lower.endsWith('.in') && lower.startsWith('req')) return 'requirements';
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup-cfg';
  if (name === 'METADATA' || name === 'PKG-INFO') return 'dist-metadata';
  if (lower === 'pipfile') return 'pipfile';
  if (lower === 'pipfile.lock') return 'pipfile-lock';
  if (lower === 'poetry.lock') return 'poetry-lock';
  if (lower === 'uv.lock') return 'uv-lock';
  if (lower === 'pdm.lock') return 'pdm-lock';
  if (lower === 'pylock.toml' || /^pylock\.[\w-]+\.toml$/.test(lower)) return 'pylock';
  if (/^environment([-_.][\w.-]*)?\.ya?ml$/.test(lower)) return 'conda-env';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile') return 'dockerfile';
  if (/^(docker-)?compose([-_.][\w.-]*)?\.ya?ml$/.test(lower)) return 'compose';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.ini') || lower.endsWith('.cfg') || lower.endsWith('.conf') || lower.endsWith('.properties')) return 'ini';
  if (lower.endsWith('.sh') || lower.endsWith('.bash') || lower.endsWith('.zsh')) return 'shell';
  if (lower === '.gitignore') return 'gitignore';
  return null;
}

/** Kinds whose content is dependency data (read by the dependency audit, not scanned for secrets). */
export const LOCK_KINDS: ReadonlySet<FileKind> = new Set(['pipfile-lock', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock']);

/** Kinds read by the dependency audit. */
export const MANIFEST_KINDS: ReadonlySet<FileKind> = new Set([
  'requirements', 'pyproject', 'setup-cfg', 'setup-py', 'pipfile', 'pipfile-lock', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock', 'conda-env', 'dist-metadata',
]);
