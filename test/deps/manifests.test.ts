/** Every manifest and lock format, over the fixture projects in test/fixtures/deps. */
import { describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { parsePep508 } from '../../src/deps/requirement.js';
import { poetryToPep440 } from '../../src/deps/manifests/poetry-constraint.js';
import { manifestKind } from '../../src/deps/manifests/index.js';
import type { Requirement } from '../../src/deps/types.js';
import { fixtureInput } from './helpers.js';

async function reqs(name: string): Promise<{ all: Requirement[]; get: (n: string, file?: string) => Requirement | undefined; out: Awaited<ReturnType<typeof analyzeDependencies>> }> {
  const out = await analyzeDependencies(fixtureInput(name));
  const all = out.report.requirements.map((a) => a.requirement);
  return { all, out, get: (n, file) => all.find((r) => r.normalizedName === n && (!file || r.source.path === file)) };
}
const rules = (out: Awaited<ReturnType<typeof analyzeDependencies>>, id: string) => out.findings.filter((f) => f.ruleId === id);

describe('PEP 508 and constraint syntax', () => {
  it('parses names, extras, specifiers, markers and URLs', () => {
    expect(parsePep508('Flask[async, dotenv] (>=2.0, <3) ; python_version >= "3.8"')).toEqual({
      name: 'Flask', extras: ['async', 'dotenv'], specifier: '>=2.0,<3', marker: 'python_version >= "3.8"',
    });
    const url = parsePep508('pkg @ git+https://github.com/o/r.git@v1.0 ; sys_platform == "linux"');
    expect(url).toMatchObject({ name: 'pkg', url: 'git+https://github.com/o/r.git@v1.0', marker: 'sys_platform == "linux"', vcs: { type: 'git', ref: 'v1.0', commitPinned: false } });
    expect('error' in parsePep508('!!')).toBe(true);
  });
  it('translates Poetry constraints to PEP 440', () => {
    expect(poetryToPep440('^1.2.3').specifier).toBe('>=1.2.3,<2.0.0');
    expect(poetryToPep440('^0.2.3').specifier).toBe('>=0.2.3,<0.3.0');
    expect(poetryToPep440('~1.2').specifier).toBe('>=1.2,<1.3');
    expect(poetryToPep440('2.10').specifier).toBe('==2.10');
    expect(poetryToPep440('*').specifier).toBe('');
    expect(poetryToPep440('^1.0 || ^2.0').anyOf).toEqual(['>=1.0,<2.0', '>=2.0,<3.0']);
  });
  it('recognises manifests by name', () => {
    expect(manifestKind('a/requirements-dev.txt')).toBe('requirements');
    expect(manifestKind('requirements/base.in')).toBe('requirements');
    expect(manifestKind('Pipfile.lock')).toBe('pipfile-lock');
    expect(manifestKind('environment.yml')).toBe('conda-env');
    expect(manifestKind('pylock.toml')).toBe('pylock');
    expect(manifestKind('src/app.py')).toBeUndefined();
  });
});

describe('requirements files', () => {
  it('follows -r and -c once, and keeps every requirement on its own file and line', async () => {
    const { get, out } = await reqs('req-features');
    expect(get('urllib3')?.source).toMatchObject({ path: 'reqs/base.txt', line: 1 });
    expect(get('numpy', 'constraints.txt')?.role).toBe('constraint');
    expect(get('flask')).toMatchObject({ extras: ['async'], specifier: '>=2.0,<3.0', marker: 'python_version >= "3.8"', source: { line: 7 } });
    expect(get('requests')?.extras).toEqual(['socks', 'security']);
    expect(get('gunicorn')).toMatchObject({ version: '20.0.4', source: { line: 10, endLine: 11 } });
    expect(get('gunicorn')?.hashes[0]).toMatch(/^sha256:/);
    expect(get('click')).toMatchObject({ editable: true, vcs: { ref: 'main', commitPinned: false } });
    expect(get('black')?.vcs?.commitPinned).toBe(true);
    expect(get('six')).toMatchObject({ version: '1.16.0', url: expect.stringContaining('six-1.16.0') });
    expect(get('mylib')?.local).toBe(true);
    expect(get('poetry-core')?.vcs?.ref).toBe('v1.9.0');
    // The include cycle (base.txt includes requirements.txt back) is read once.
    expect(out.report.requirements.filter((a) => a.requirement.normalizedName === 'flask')).toHaveLength(1);
    expect(out.report.indexes.map((i) => [i.kind, i.url])).toEqual([
      ['primary', 'https://pypi.org/simple'],
      ['extra', 'http://pypi.internal.example/simple'],
      ['find-links', 'https://downloads.example.com/wheels/'],
    ]);
  });

  it('reports plain-http and extra indexes, movable VCS refs, missing hashes, ranges, and no lock', async () => {
    const { out } = await reqs('req-features');
    expect(rules(out, 'KR507').map((f) => f.location.startLine)).toEqual([5]);
    expect(rules(out, 'KR508').map((f) => f.location.startLine)).toEqual([5, 6]);
    expect(rules(out, 'KR509').map((f) => f.properties?.['package'])).toEqual(['click', 'poetry-core']);
    expect(rules(out, 'KR506').map((f) => f.properties?.['package'])).toContain('flask'); // gunicorn has a hash → hash-checking mode
    expect(rules(out, 'KR506').map((f) => f.properties?.['package'])).not.toContain('gunicorn');
    // numpy is unpinned here but pinned by the constraints file.
    expect(rules(out, 'KR502').map((f) => f.properties?.['package'])).toEqual(['flask', 'requests']);
    expect(rules(out, 'KR502').find((f) => f.properties?.['package'] === 'requests')?.severity).toBe('medium'); // open-ended
    expect(rules(out, 'KR502').find((f) => f.properties?.['package'] === 'flask')?.severity).toBe('low'); // bounded
    const range = rules(out, 'KR505').find((f) => f.properties?.['package'] === 'requests');
    expect(range?.message).toMatch(/allows .*–.*, affected by \d+ advisories/);
    expect(range?.fix).toBe('require requests>=2.31.0');
    expect(rules(out, 'KR504')).toHaveLength(1);
  });

  it('reports an unparsable line and goes on with the others', async () => {
    const { all, out } = await reqs('broken');
    expect(all.map((r) => r.name)).toEqual(['django', 'requests']);
    expect(out.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'requirements.txt', kind: 'parse-error', line: 2 }),
        expect.objectContaining({ path: 'pyproject.toml', kind: 'parse-error', message: expect.stringMatching(/^invalid TOML/) }),
      ]),
    );
    expect(rules(out, 'KR501').length).toBeGreaterThan(0);
  });
});

describe('pyproject.toml', () => {
  it('PEP 621, optional dependencies, PEP 735 groups and build requirements', async () => {
    const { get, out } = await reqs('pep621');
    expect(get('django')).toMatchObject({ specifier: '>=3.2,<3.3', group: 'main', source: { line: 9, format: 'pyproject:pep621' } });
    expect(get('pyyaml')).toMatchObject({ version: '5.3', source: { line: 10 } });
    expect(get('reqeusts')).toMatchObject({ group: 'test', source: { line: 15 } });
    expect(get('ruff')).toMatchObject({ group: 'dev', source: { line: 18, format: 'pyproject:pep735' } });
    expect(get('setuptools')).toMatchObject({ group: 'build-system', source: { line: 2 } });
    expect(rules(out, 'KR503').map((f) => f.properties?.['lookalike'])).toEqual(['requests']);
    // Library manifest: ranges are normal, only the unconstrained `click` is reported as unpinned.
    expect(rules(out, 'KR502').map((f) => f.properties?.['package'])).toEqual(['click']);
    // django>=3.2,<3.3 excludes every fix above 3.3: range finding at the worst severity.
    const django = rules(out, 'KR505').find((f) => f.properties?.['package'] === 'django');
    expect(django?.message).toMatch(/allows 3\.2.*–3\.2\.\d+/);
    expect(rules(out, 'KR505').some((f) => f.properties?.['package'] === 'setuptools')).toBe(false);
  });

  it('Poetry tables, groups, git and path dependencies, sources, with poetry.lock deciding versions', async () => {
    const { get, out } = await reqs('poetry');
    expect(get('django', 'pyproject.toml')).toMatchObject({ specifier: '>=3.2,<4.0', source: { line: 9, format: 'pyproject:poetry' } });
    expect(get('requests', 'pyproject.toml')).toMatchObject({ specifier: '>=2.19,<2.20', extras: ['socks'] });
    expect(get('mylib', 'pyproject.toml')?.vcs).toMatchObject({ ref: 'main', commitPinned: false });
    expect(get('locallib')).toMatchObject({ local: true, editable: true });
    expect(get('pytest')?.group).toBe('dev');
    expect(get('django', 'poetry.lock')).toMatchObject({ version: '3.2.0', role: 'lock', source: { line: 4 } });
    expect(get('mylib', 'poetry.lock')?.vcs?.commitPinned).toBe(true);
    // Advisories are reported on the lock entries only (the lock says what is installed).
    expect(new Set(rules(out, 'KR501').map((f) => f.location.path))).toEqual(new Set(['poetry.lock']));
    expect(rules(out, 'KR505')).toEqual([]);
    expect(rules(out, 'KR504')).toEqual([]);
    expect(rules(out, 'KR506').map((f) => f.properties?.['packages'])).toEqual([['jinja2']]);
    expect(rules(out, 'KR508').map((f) => f.location.startLine)).toEqual([20]);
  });

  it('PDM dev groups, sources and pdm.lock', async () => {
    const { get, out } = await reqs('pdm');
    expect(get('pytest', 'pyproject.toml')).toMatchObject({ group: 'test', source: { format: 'pyproject:pdm', line: 7 } });
    expect(get('urllib3', 'pdm.lock')).toMatchObject({ version: '1.24.1', role: 'lock' });
    expect(rules(out, 'KR507').map((f) => f.location)).toEqual([expect.objectContaining({ path: 'pyproject.toml', startLine: 11 })]);
    expect(rules(out, 'KR501').every((f) => f.location.path === 'pdm.lock')).toBe(true);
  });

  it('uv dev-dependencies, sources and indexes, and uv.lock (the project itself skipped)', async () => {
    const { all, get, out } = await reqs('uv');
    expect(get('internal-tool', 'pyproject.toml')?.vcs).toMatchObject({ ref: 'v1.0', commitPinned: false });
    expect(get('internal-tool', 'uv.lock')?.vcs?.commitPinned).toBe(true);
    expect(get('pytest')?.source).toMatchObject({ format: 'pyproject:uv', line: 8 });
    expect(all.some((r) => r.name === 'demo')).toBe(false);
    expect(get('jinja2', 'uv.lock')?.hashes).toHaveLength(2);
    expect(rules(out, 'KR501').map((f) => f.location.startLine)).toEqual([15, 15]);
    expect(rules(out, 'KR508').map((f) => f.properties?.['url'])).toEqual(['https://uv.internal.example/simple']);
  });

  it('Hatch environments', async () => {
    const { get } = await reqs('hatch');
    expect(get('coverage')).toMatchObject({ group: 'hatch:default', extras: ['toml'], source: { line: 7, format: 'pyproject:hatch' } });
    expect(get('mkdocs')).toMatchObject({ group: 'hatch:docs', version: '1.0', source: { line: 10 } });
  });
});

describe('setuptools, Pipenv, pylock, conda', () => {
  it('setup.cfg install_requires and extras_require', async () => {
    const { get } = await reqs('setup-cfg');
    expect(get('django')).toMatchObject({ version: '3.2.0', source: { line: 7, format: 'setup-cfg' } });
    expect(get('pyyaml')).toMatchObject({ specifier: '>=5.1', marker: 'python_version >= "3.6"', source: { line: 8 } });
    expect(get('requests')?.source.line).toBe(10);
    expect(get('pytest')).toMatchObject({ group: 'test', source: { line: 14 } });
  });

  it('setup.py literal lists, a list bound to a name, and extras_require', async () => {
    const { get } = await reqs('setup-py');
    expect(get('jinja2')).toMatchObject({ version: '2.10', source: { line: 10, format: 'setup-py' } });
    expect(get('requests')).toMatchObject({ specifier: '>=2.19,<3', source: { line: 12 } });
    expect(get('coverage')).toMatchObject({ group: 'test', source: { line: 3 } });
    expect(get('pyyaml')).toMatchObject({ group: 'yaml', version: '5.3', source: { line: 17 } });
  });

  it('Pipfile and Pipfile.lock', async () => {
    const { get, out } = await reqs('pipenv');
    expect(get('pyyaml', 'Pipfile')).toMatchObject({ specifier: '>=5.1', extras: ['libyaml'], source: { line: 14 } });
    expect(get('mylib', 'Pipfile')?.vcs?.commitPinned).toBe(true);
    expect(get('pytest', 'Pipfile')?.group).toBe('dev');
    expect(get('requests', 'Pipfile.lock')).toMatchObject({ version: '2.32.3', source: { line: 20 } });
    expect(get('pytest', 'Pipfile.lock')?.group).toBe('dev');
    expect(rules(out, 'KR502')).toEqual([]); // the lock pins `requests = "*"`
    expect(rules(out, 'KR508').map((f) => f.location)).toEqual([expect.objectContaining({ path: 'Pipfile', startLine: 7 })]);
  });

  it('PEP 751 pylock.toml', async () => {
    const { get, out } = await reqs('pylock');
    expect(get('jinja2')).toMatchObject({ version: '2.10', role: 'lock', source: { line: 6, format: 'pylock' } });
    expect(get('jinja2')?.hashes[0]).toMatch(/^sha256:74c9/);
    expect(get('mylib')?.vcs?.commitPinned).toBe(true);
    expect(rules(out, 'KR501').length).toBe(2);
  });

  it('environment.yml pip section only', async () => {
    const { all, get, out } = await reqs('conda');
    expect(all.map((r) => r.name)).toEqual(['requests', 'pyyaml']);
    expect(get('requests')?.source).toMatchObject({ line: 9, format: 'conda-env' });
    expect(out.report.indexes[0]).toMatchObject({ kind: 'extra', url: 'https://conda.internal.example/simple' });
  });
});
