/**
 * Hostile manifests: paths a manifest names (`-r`/`-c` includes, `-e`, `file:` URLs, lock
 * `path =` sources) stay inside the scanned project; devices, FIFOs, folders, links out of
 * the project and oversized files are never opened; parser errors say where and why,
 * never what the file holds.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import type { Report } from '../../src/report/model.js';
import { tree } from './helpers.js';

const OUTSIDE = 'OUTSIDE-CONTENT-7f3a9c';

/** A folder holding `outside/creds` (never to be read) and the project `proj/` with `files`. */
function project(files: Record<string, string>): { base: string; proj: string } {
  const base = tree({ 'outside/creds': `${OUTSIDE}\nrequests==2.0.0\n`, 'outside/pkg/setup.py': `# ${OUTSIDE}\n` });
  const proj = path.join(base, 'proj');
  mkdirSync(proj, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(proj, rel)), { recursive: true });
    writeFileSync(path.join(proj, rel), text);
  }
  return { base, proj };
}

async function deps(proj: string, opts: { maxFileSize?: number } = {}): Promise<{ report: Report; json: string; messages: string[] }> {
  const report = await scan({ targets: ['.'], cwd: proj, analyses: ['deps'], config: false, ...opts });
  return { report, json: JSON.stringify(report), messages: report.diagnostics.map((d) => `${d.path}: ${d.message}`) };
}

/** The include is named in a diagnostic, and nothing it holds reached the report. */
function refused(r: { json: string; messages: string[] }, include: string, why: RegExp): void {
  const hit = r.messages.find((m) => m.includes(include));
  expect(hit, `no diagnostic names ${include}: ${JSON.stringify(r.messages)}`).toBeDefined();
  expect(hit).toMatch(why);
  expect(r.json).not.toContain(OUTSIDE);
  expect(r.json).not.toMatch(/root:x:0:0/);
}

describe('hostile manifests: requirements includes stay inside the project', { timeout: 60_000 }, () => {
  it('requirements -r /etc/passwd is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r /etc/passwd\nflask==2.0.0\n' });
    const r = await deps(proj);
    refused(r, '-r /etc/passwd', /outside the scanned project/);
    expect(r.report.dependencies?.requirements.map((q) => q.requirement.name)).toEqual(['flask']);
  });

  it('requirements -r /proc/self/environ is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r /proc/self/environ\n' });
    refused(await deps(proj), '-r /proc/self/environ', /outside/);
  });

  it('requirements -c /dev/zero is not opened (no hang)', async () => {
    const { proj } = project({ 'requirements.txt': '-c /dev/zero\n' });
    refused(await deps(proj), '-c /dev/zero', /outside/);
  });

  it('requirements -r /dev/stdin is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r /dev/stdin\n' });
    refused(await deps(proj), '-r /dev/stdin', /outside/);
  });

  it('requirements -r ../outside/creds is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r ../outside/creds\n' });
    refused(await deps(proj), '-r ../outside/creds', /outside the scanned project/);
  });

  it('requirements -r sub/../../outside/creds from a subfolder is not opened', async () => {
    const { proj } = project({ 'sub/requirements.txt': '-r ../../outside/creds\n' });
    refused(await deps(proj), '-r ../../outside/creds', /outside/);
  });

  it('requirements --requirement=../outside/creds is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '--requirement=../outside/creds\n' });
    refused(await deps(proj), '--requirement ../outside/creds', /outside/);
  });

  it('requirements --constraint ../outside/creds is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '--constraint ../outside/creds\n' });
    refused(await deps(proj), '--constraint ../outside/creds', /outside/);
  });

  it('requirements -r file:///etc/passwd is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r file:///etc/passwd\n' });
    refused(await deps(proj), '-r file:///etc/passwd', /outside/);
  });

  it('requirements -r file:../outside/creds is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r file:../outside/creds\n' });
    refused(await deps(proj), '-r file:../outside/creds', /outside/);
  });

  it('requirements -r ~/.ssh/id_rsa is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r ~/.ssh/id_rsa\n' });
    refused(await deps(proj), '-r ~/.ssh/id_rsa', /outside/);
  });

  it('requirements -r through a symlink pointing outside is not opened', async () => {
    const { base, proj } = project({ 'requirements.txt': '-r link.txt\n' });
    symlinkSync(path.join(base, 'outside/creds'), path.join(proj, 'link.txt'));
    refused(await deps(proj), '-r link.txt', /symbolic link/);
  });

  it('requirements -r through a symlink to /etc/passwd is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r passwd.txt\n' });
    symlinkSync('/etc/passwd', path.join(proj, 'passwd.txt'));
    refused(await deps(proj), '-r passwd.txt', /symbolic link/);
  });

  it('requirements -r through a symlinked folder pointing outside is not opened', async () => {
    const { base, proj } = project({ 'requirements.txt': '-r sub/creds\n' });
    symlinkSync(path.join(base, 'outside'), path.join(proj, 'sub'));
    refused(await deps(proj), '-r sub/creds', /symbolic link/);
  });

  it('requirements -r of a FIFO inside the project is not opened (no hang)', async () => {
    const { proj } = project({ 'requirements.txt': '-r pipe.txt\n' });
    execFileSync('mkfifo', [path.join(proj, 'pipe.txt')]);
    refused(await deps(proj), '-r pipe.txt', /not a regular file/);
  });

  it('requirements -r of a folder is not opened', async () => {
    const { proj } = project({ 'requirements.txt': '-r reqs\n', 'reqs/x.py': '' });
    refused(await deps(proj), '-r reqs', /a folder/);
  });

  it('requirements -r of a file larger than the size limit is not read', async () => {
    const { proj } = project({ 'requirements.txt': '-r big.in\n', 'big.in': `# ${OUTSIDE}\n${'#'.repeat(4000)}\nrequests==1.0\n` });
    const r = await deps(proj, { maxFileSize: 1000 });
    refused(r, '-r big.in', /larger than the size limit/);
    expect(r.report.dependencies?.requirements ?? []).toHaveLength(0);
  });

  it('requirements -r of a missing file is a diagnostic', async () => {
    const { proj } = project({ 'requirements.txt': '-r nope.txt\n' });
    refused(await deps(proj), '-r nope.txt', /not found/);
  });

  it('requirements -r cycle (a → b → a) ends and reads each file once', async () => {
    const { proj } = project({ 'requirements.txt': '-r b.in\nflask==2.0.0\n', 'b.in': '-r requirements.txt\ndjango==4.0\n' });
    const r = await deps(proj);
    expect(r.report.dependencies?.requirements.map((q) => q.requirement.name).sort()).toEqual(['django', 'flask']);
  });

  it('requirements -r of itself ends', async () => {
    const { proj } = project({ 'requirements.txt': '-r requirements.txt\n-r ./requirements.txt\nflask==2.0.0\n' });
    const r = await deps(proj);
    expect(r.report.dependencies?.requirements.map((q) => q.requirement.name)).toEqual(['flask']);
  });

  it('requirements -r of a regular file inside the project is followed', async () => {
    const { proj } = project({ 'requirements.txt': '-r base/common.in\n', 'base/common.in': 'django==4.0\n' });
    const r = await deps(proj);
    expect(r.report.dependencies?.requirements.map((q) => q.requirement.name)).toEqual(['django']);
    expect(r.messages).toEqual([]);
  });

  it('requirements -r through a symlink to a file inside the project is followed once', async () => {
    const { proj } = project({ 'requirements.txt': '-r alias.in\n-r common.in\n', 'common.in': 'django==4.0\n' });
    symlinkSync('common.in', path.join(proj, 'alias.in'));
    const r = await deps(proj);
    expect(r.report.dependencies?.requirements.map((q) => q.requirement.name)).toEqual(['django']);
  });
});

describe('hostile manifests: local sources outside the project are named, never opened', { timeout: 60_000 }, () => {
  it('requirements -e ../outside/pkg is reported', async () => {
    const { proj } = project({ 'requirements.txt': '-e ../outside/pkg\n' });
    refused(await deps(proj), '-e ../outside/pkg', /outside/);
  });

  it('requirements -e file:../outside/pkg#egg=x is reported', async () => {
    const { proj } = project({ 'requirements.txt': '-e file:../outside/pkg#egg=x\n' });
    refused(await deps(proj), 'file:../outside/pkg#egg=x', /outside/);
  });

  it('requirements pkg @ file:///etc/passwd is reported', async () => {
    const { proj } = project({ 'requirements.txt': 'pkg @ file:///etc/passwd\n' });
    refused(await deps(proj), 'file:///etc/passwd', /outside/);
  });

  it('requirements ../outside/pkg-1.0.tar.gz is reported', async () => {
    const { proj } = project({ 'requirements.txt': '../outside/pkg-1.0.tar.gz\n' });
    refused(await deps(proj), '../outside/pkg-1.0.tar.gz', /outside/);
  });

  it('requirements ./vendor/pkg-1.0.tar.gz inside the project is not reported', async () => {
    const { proj } = project({ 'requirements.txt': './vendor/pkg-1.0.tar.gz\n' });
    expect((await deps(proj)).messages).toEqual([]);
  });

  it('uv.lock source path = "../outside/x.whl" is reported', async () => {
    const { proj } = project({ 'uv.lock': 'version = 1\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { path = "../outside/x.whl" }\n' });
    refused(await deps(proj), '../outside/x.whl', /outside/);
  });

  it('uv.lock source directory = "/etc" is reported', async () => {
    const { proj } = project({ 'uv.lock': 'version = 1\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { directory = "/etc" }\n' });
    refused(await deps(proj), 'directory source of x /etc', /outside/);
  });

  it('uv.lock source editable = "../../elsewhere" is reported', async () => {
    const { proj } = project({ 'uv.lock': 'version = 1\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { editable = "../../elsewhere" }\n' });
    refused(await deps(proj), '../../elsewhere', /outside/);
  });

  it('uv.lock source path through a symlink pointing outside is reported', async () => {
    const { base, proj } = project({ 'uv.lock': 'version = 1\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { path = "vendored" }\n' });
    symlinkSync(path.join(base, 'outside'), path.join(proj, 'vendored'));
    refused(await deps(proj), 'vendored', /symbolic link/);
  });

  it('poetry.lock directory source url = "../outside/pkg" is reported', async () => {
    const { proj } = project({ 'poetry.lock': '[[package]]\nname = "x"\nversion = "1.0"\n[package.source]\ntype = "directory"\nurl = "../outside/pkg"\n' });
    refused(await deps(proj), '../outside/pkg', /outside/);
  });

  it('poetry.lock file source url = "/etc/passwd" is reported', async () => {
    const { proj } = project({ 'poetry.lock': '[[package]]\nname = "x"\nversion = "1.0"\n[package.source]\ntype = "file"\nurl = "/etc/passwd"\n' });
    refused(await deps(proj), '/etc/passwd', /outside/);
  });

  it('pdm.lock path = "../outside/creds" is reported', async () => {
    const { proj } = project({ 'pdm.lock': '[[package]]\nname = "x"\nversion = "1.0"\npath = "../outside/creds"\n' });
    refused(await deps(proj), '../outside/creds', /outside/);
  });

  it('pylock.toml directory path = "/etc" is reported', async () => {
    const { proj } = project({ 'pylock.toml': 'lock-version = "1.0"\n[[packages]]\nname = "x"\nversion = "1.0"\n[packages.directory]\npath = "/etc"\n' });
    refused(await deps(proj), '/etc', /outside/);
  });

  it('pyproject [tool.poetry.dependencies] x = { path = "../outside/pkg" } is reported', async () => {
    const { proj } = project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.9"\nx = { path = "../outside/pkg" }\n' });
    refused(await deps(proj), '../outside/pkg', /outside/);
  });

  it('Pipfile x = { path = "../outside/pkg" } is reported', async () => {
    const { proj } = project({ Pipfile: '[packages]\nx = { path = "../outside/pkg" }\n' });
    refused(await deps(proj), '../outside/pkg', /outside/);
  });

  it('a manifest larger than the size limit is not read', async () => {
    const { proj } = project({ 'requirements.txt': `flask==2.0.0\n# ${OUTSIDE}\n${'#'.repeat(3000)}\n` });
    const r = await deps(proj, { maxFileSize: 1000 });
    refused(r, 'larger than the size limit', /raise it with --max-file-size/);
    expect(r.report.dependencies?.requirements ?? []).toHaveLength(0);
  });
});

describe('hostile manifests: parse errors say where and why, not what', { timeout: 60_000 }, () => {
  const SECRETISH = 'LEAKED-LINE-CONTENT-55aa';

  async function noContent(files: Record<string, string>, expectIn: RegExp): Promise<void> {
    const { proj } = project(files);
    const report = await scan({ targets: ['.'], cwd: proj, analyses: ['deps', 'posture'], config: false });
    const msgs = report.diagnostics.map((d) => d.message);
    expect(msgs.some((m) => expectIn.test(m)), JSON.stringify(msgs)).toBe(true);
    expect(JSON.stringify(report.diagnostics)).not.toContain(SECRETISH);
  }

  it('invalid TOML in pyproject.toml: the bad line is not quoted', async () => {
    await noContent({ 'pyproject.toml': `[project]\nname = "p"\ndependencies = [ ${SECRETISH} ]\n` }, /invalid TOML/);
  });

  it('invalid TOML with an unclosed string: the line is not quoted', async () => {
    await noContent({ 'poetry.lock': `[[package]]\nname = "${SECRETISH}\n` }, /invalid TOML/);
  });

  it('invalid JSON in Pipfile.lock: the text is not quoted', async () => {
    await noContent({ 'Pipfile.lock': `{"default": {"x": "${SECRETISH}" oops}}` }, /invalid JSON/);
  });

  it('invalid JSON in Pipfile.lock with an unexpected token: the text is not quoted', async () => {
    await noContent({ 'Pipfile.lock': `{"default": ${SECRETISH}}` }, /invalid JSON/);
  });

  it('invalid YAML in environment.yml: the text is not quoted', async () => {
    await noContent({ 'environment.yml': `dependencies:\n  - "${SECRETISH}\n  - [\n` }, /invalid YAML/);
  });

  it('a requirements line that is not a requirement is not quoted', async () => {
    await noContent({ 'requirements.txt': `!!${SECRETISH}\n` }, /not a requirement/);
  });

  it('a bad version specifier is not quoted', async () => {
    await noContent({ 'requirements.txt': `flask ${SECRETISH}\n` }, /line 1/);
  });

  it('invalid YAML in docker-compose.yml: the text is not quoted', async () => {
    await noContent({ 'docker-compose.yml': `services:\n  web:\n    image: "${SECRETISH}\n   - [\n` }, /invalid YAML/);
  });

  it('an invalid pyproject.toml as configuration: the warning does not quote it', async () => {
    const { proj } = project({ 'pyproject.toml': `[tool.krait]\nselect = [${SECRETISH}\n` });
    const report = await scan({ targets: ['.'], cwd: proj, analyses: ['deps'] });
    expect(report.diagnostics.some((d) => d.kind === 'config-error' && /invalid TOML/.test(d.message))).toBe(true);
    expect(JSON.stringify(report.diagnostics)).not.toContain(SECRETISH);
  });
});

describe('hostile manifests: configuration files that are not regular files', { timeout: 60_000 }, () => {
  it('a FIFO named pyproject.toml is not read as configuration (no hang)', async () => {
    const { proj } = project({ 'a.py': 'assert x\n' });
    execFileSync('mkfifo', [path.join(proj, 'pyproject.toml')]);
    const report = await scan({ targets: ['.'], cwd: proj, analyses: ['rules'], select: ['B101'] });
    expect(report.findings).toHaveLength(1);
    expect(report.diagnostics.some((d) => d.kind === 'config-error' && /not a regular file/.test(d.message))).toBe(true);
  });

  it('pyproject.toml symlinked to /dev/zero is not read as configuration', async () => {
    const { proj } = project({ 'a.py': 'assert x\n' });
    symlinkSync('/dev/zero', path.join(proj, 'pyproject.toml'));
    const report = await scan({ targets: ['.'], cwd: proj, analyses: ['rules'], select: ['B101'] });
    expect(report.findings).toHaveLength(1);
    expect(report.diagnostics.some((d) => /not a regular file/.test(d.message))).toBe(true);
  });

  it('a .bandit folder is not read as configuration', async () => {
    const { proj } = project({ 'a.py': 'assert x\n', '.bandit/x': '' });
    const report = await scan({ targets: ['.'], cwd: proj, analyses: ['rules'], select: ['B101'] });
    expect(report.findings).toHaveLength(1);
  });
});
