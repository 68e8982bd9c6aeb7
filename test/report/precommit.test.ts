import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(fileURLToPath(new URL('../../.pre-commit-hooks.yaml', import.meta.url)), 'utf8')) as Record<string, unknown>[];

  it('defines the krait hooks with the keys pre-commit requires', () => {
    expect(Array.isArray(hooks)).toBe(true);
    for (const h of hooks) {
      for (const k of ['id', 'name', 'entry', 'language']) expect(typeof h[k], `${String(h.id)}.${k}`).toBe('string');
    }
    const krait = hooks.find((h) => h.id === 'krait')!;
    expect(krait).toMatchObject({ entry: 'krait scan', language: 'node', types: ['python'], pass_filenames: true, require_serial: true });
    const deps = hooks.find((h) => h.id === 'krait-deps')!;
    expect(deps).toMatchObject({ entry: 'krait deps', language: 'node', pass_filenames: false });
  });

  it('the dependency hook matches manifests and lock files only', () => {
    const re = new RegExp(String(hooks.find((h) => h.id === 'krait-deps')!.files));
    for (const f of ['requirements.txt', 'sub/requirements-dev.txt', 'requirements.in', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'Pipfile', 'Pipfile.lock', 'pylock.toml']) {
      expect(re.test(f), f).toBe(true);
    }
    for (const f of ['app.py', 'docs/requirements.md', 'mypyproject.toml.bak']) expect(re.test(f), f).toBe(false);
  });
});
