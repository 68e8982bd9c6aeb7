/**
 * Writes only where told (issue 12): the Markdown writer refuses symbolic links (output
 * folder, day folder, summary, finding files) and deletes only finding files it wrote
 * itself; finding file names never come from audited text unsanitised; every other writer
 * (json, sarif, html, baseline, stats, fix, the advisory cache) never writes through a
 * planted link or into a FIFO; archive temporary folders are removed on SIGINT/SIGTERM as
 * on a normal exit.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFileNames, writeMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/index.js';
import { writeBaseline } from '../../src/report/baseline.js';
import { writeFileSafely } from '../../src/core/safe-write.js';
import { planFixes } from '../../src/pipeline/fix.js';
import { scan } from '../../src/pipeline/scan.js';
import { buildFindings, makeReport, makeCleanReport } from '../report/make-report.js';
import { BIN, ROOT, krait, tree } from './helpers.js';

const DAY = new Date(2025, 11, 9);
const DAYDIR = 'security-analysis-2025-12-09';

/** A folder holding `precious.txt` (PRECIOUS): what an attacker's link points at. */
function victim(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'krait-victim-'));
  writeFileSync(path.join(dir, 'precious.txt'), 'PRECIOUS');
  return dir;
}
const precious = (v: string) => readFileSync(path.join(v, 'precious.txt'), 'utf8');

describe('hostile writes: Markdown output refuses links and deletes only its own files', () => {
  it('markdown refuses a symlinked output folder', () => {
    const v = victim();
    const base = tree({});
    symlinkSync(v, path.join(base, 'out'));
    expect(() => writeMarkdown(makeReport(), path.join(base, 'out'), DAY)).toThrow(/symbolic link/);
    expect(readdirSync(v)).toEqual(['precious.txt']);
  });

  it('markdown refuses a symlinked output folder through writeReport (one-line error, no listing of the target)', async () => {
    const v = victim();
    const base = tree({});
    symlinkSync(v, path.join(base, 'out'));
    const err = await writeReport(makeReport(), { format: 'markdown', output: path.join(base, 'out'), color: false, date: DAY }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/symbolic link/);
    expect((err as Error).message).not.toContain('\n');
    expect((err as Error).message).not.toContain('precious');
    expect(readdirSync(v)).toEqual(['precious.txt']);
  });

  it('markdown refuses a symlinked day folder', () => {
    const v = victim();
    const out = tree({});
    symlinkSync(v, path.join(out, DAYDIR));
    expect(() => writeMarkdown(makeReport(), out, DAY)).toThrow(/symbolic link/);
    expect(readdirSync(v)).toEqual(['precious.txt']);
  });

  it('markdown refuses a symlinked summary file', () => {
    const v = victim();
    const out = tree({});
    symlinkSync(path.join(v, 'precious.txt'), path.join(out, `${DAYDIR}.md`));
    expect(() => writeMarkdown(makeReport(), out, DAY)).toThrow(/symbolic link/);
    expect(precious(v)).toBe('PRECIOUS');
    expect(lstatSync(path.join(out, `${DAYDIR}.md`)).isSymbolicLink()).toBe(true);
  });

  it('markdown refuses a symlinked finding file', () => {
    const v = victim();
    const out = tree({});
    const first = writeMarkdown(makeReport(), out, DAY)[1]!;
    const name = path.basename(first);
    rmSync(path.join(out, DAYDIR), { recursive: true });
    rmSync(path.join(out, `${DAYDIR}.md`));
    mkdirSync(path.join(out, DAYDIR));
    symlinkSync(path.join(v, 'precious.txt'), path.join(out, DAYDIR, name));
    expect(() => writeMarkdown(makeReport(), out, DAY)).toThrow(/symbolic link/);
    expect(precious(v)).toBe('PRECIOUS');
  });

  it('markdown never follows nor removes a link planted under the old temporary name', () => {
    const v = victim();
    const out = tree({});
    const summary = path.join(out, `${DAYDIR}.md`);
    symlinkSync(path.join(v, 'precious.txt'), `${summary}.tmp-${process.pid}`);
    writeMarkdown(makeCleanReport(), out, DAY);
    expect(precious(v)).toBe('PRECIOUS');
    expect(lstatSync(`${summary}.tmp-${process.pid}`).isSymbolicLink()).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('# Security Analysis');
  });

  it('markdown deletes its own finding files of an earlier run of the day', () => {
    const out = tree({});
    writeMarkdown(makeReport(), out, DAY);
    expect(readdirSync(path.join(out, DAYDIR)).length).toBeGreaterThan(0);
    writeMarkdown(makeCleanReport(), out, DAY);
    expect(readdirSync(path.join(out, DAYDIR))).toEqual([]);
  });

  it('markdown leaves a finding-like file it did not write', () => {
    const out = tree({ [`${DAYDIR}/finding-999-mine.md`]: 'MINE' });
    writeMarkdown(makeReport(), out, DAY);
    writeMarkdown(makeCleanReport(), out, DAY);
    expect(readdirSync(path.join(out, DAYDIR))).toEqual(['finding-999-mine.md']);
    expect(readFileSync(path.join(out, DAYDIR, 'finding-999-mine.md'), 'utf8')).toBe('MINE');
  });

  it('markdown ignores a tampered record naming a path outside its folder', () => {
    const v = victim();
    const out = tree({ [`${DAYDIR}.md`]: `# x\n<!-- krait-written: ../../${path.basename(v)}/precious.txt /${v}/precious.txt finding-001-x.md -->\n` });
    writeMarkdown(makeCleanReport(), out, DAY);
    expect(precious(v)).toBe('PRECIOUS');
  });

  it('markdown does not delete through a finding-file link listed in its record', () => {
    const v = victim();
    const out = tree({});
    const files = writeMarkdown(makeReport(), out, DAY);
    const first = files[1]!;
    rmSync(first);
    symlinkSync(path.join(v, 'precious.txt'), first);
    writeMarkdown(makeCleanReport(), out, DAY);
    expect(precious(v)).toBe('PRECIOUS');
    expect(lstatSync(first).isSymbolicLink()).toBe(true);
  });

  it('finding file names never carry traversal, absolute paths, reserved names or unbounded length', () => {
    const hostileNames = ['../../../etc/passwd', '/etc/shadow', 'CON', 'nul.txt', 'a'.repeat(5000), '..', 'x/../../y', 'C:\\Windows\\x', 'ｅｖａｌ\u202e\u0000\x1b[2J', ''];
    const findings = buildFindings(
      hostileNames.map((n, i) => ({
        path: 'a.py', source: 'x = 1\n', line: 1, ruleId: n || `R${i}`, ruleName: n, category: 'injection' as const,
        severity: 'high' as const, confidence: 'high' as const, cwe: [78], message: 'm',
      })),
    );
    const names = findingFileNames(findings);
    for (const n of names) expect(n).toMatch(/^finding-\d{3,}-[a-z0-9-]{1,48}\.md$/);
    // And written through the real writer, every file lands inside the day folder.
    const out = tree({});
    const written = writeMarkdown({ ...makeCleanReport(), findings }, out, DAY);
    expect(written.length).toBe(hostileNames.length + 1);
    for (const w of written.slice(1)) expect(path.dirname(w)).toBe(path.join(out, DAYDIR));
    expect(readdirSync(out).sort()).toEqual([DAYDIR, `${DAYDIR}.md`]);
  });
});

describe('hostile writes: single-file writers never write through a link', () => {
  for (const format of ['json', 'sarif', 'html', 'text'] as const) {
    it(`${format} -o onto a symlink is refused and leaves the link's target alone`, async () => {
      const v = victim();
      const out = tree({});
      const target = path.join(out, `r.${format}`);
      symlinkSync(path.join(v, 'precious.txt'), target);
      await expect(writeReport(makeReport(), { format, output: target, color: false })).rejects.toThrow(/symbolic link/);
      expect(precious(v)).toBe('PRECIOUS');
      expect(lstatSync(target).isSymbolicLink()).toBe(true);
    });
  }

  it('sarif -o with a link planted under the old temporary name writes the report and never follows the link', async () => {
    const v = victim();
    const out = tree({});
    symlinkSync(path.join(v, 'precious.txt'), path.join(out, `r.sarif.tmp-${process.pid}`));
    await writeReport(makeReport(), { format: 'sarif', output: path.join(out, 'r.sarif'), color: false });
    expect(precious(v)).toBe('PRECIOUS');
    expect(JSON.parse(readFileSync(path.join(out, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    // Nothing of krait's own is left beside it.
    expect(readdirSync(out).sort()).toEqual(['r.sarif', `r.sarif.tmp-${process.pid}`]);
  });

  it('html -o onto a FIFO is refused (no hang, nothing replaced)', async () => {
    const out = tree({});
    const fifo = path.join(out, 'r.html');
    execFileSync('mkfifo', [fifo]);
    await expect(writeReport(makeReport(), { format: 'html', output: fifo, color: false })).rejects.toThrow(/not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--write-baseline onto a symlink is refused', () => {
    const v = victim();
    const out = tree({});
    symlinkSync(path.join(v, 'precious.txt'), path.join(out, 'baseline.json'));
    expect(() => writeBaseline(makeReport(), path.join(out, 'baseline.json'))).toThrow(/cannot write baseline.*symbolic link/);
    expect(precious(v)).toBe('PRECIOUS');
  });

  it('stats -o onto a symlink is refused with a one-line message (CLI)', () => {
    const v = victim();
    const proj = tree({ 'a.py': 'x = 1\n' });
    symlinkSync(path.join(v, 'precious.txt'), path.join(proj, 'stats.txt'));
    const r = krait(['stats', proj, '--no-config', '-o', path.join(proj, 'stats.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(precious(v)).toBe('PRECIOUS');
  });

  it('the shared writer (advisory cache, every report) refuses a link and a FIFO, replaces a regular file', () => {
    const v = victim();
    const out = tree({ 'plain.json': 'old' });
    symlinkSync(path.join(v, 'precious.txt'), path.join(out, 'cache.json.gz'));
    expect(() => writeFileSafely(path.join(out, 'cache.json.gz'), new Uint8Array([1, 2]), 'advisory cache')).toThrow(/advisory cache .* symbolic link/);
    expect(precious(v)).toBe('PRECIOUS');
    writeFileSafely(path.join(out, 'plain.json'), 'new');
    expect(readFileSync(path.join(out, 'plain.json'), 'utf8')).toBe('new');
    expect(readdirSync(out).sort()).toEqual(['cache.json.gz', 'plain.json']);
  });
});

describe('hostile writes: krait fix rewrites only the regular file it scanned', () => {
  const CODE = 'import yaml\ncfg = yaml.load(fh,  Loader=yaml.Loader)  # config\n';

  async function planned(proj: string) {
    const report = await scan({ targets: [proj], cwd: proj, config: false, analyses: ['rules'], jobs: 1 });
    const files = planFixes(report.findings, { unsafe: true }, proj);
    expect(files.length).toBe(1);
    expect(files[0]!.after).toContain('yaml.safe_load(fh)');
    return files[0]!;
  }

  it('fix writes the file when nothing changed (control)', async () => {
    const proj = tree({ 'app.py': CODE });
    const f = await planned(proj);
    f.write();
    expect(readFileSync(path.join(proj, 'app.py'), 'utf8')).toContain('yaml.safe_load(fh)');
  });

  it('fix refuses a source file replaced by a symbolic link after the scan', async () => {
    const v = victim();
    const proj = tree({ 'app.py': CODE });
    const f = await planned(proj);
    rmSync(path.join(proj, 'app.py'));
    symlinkSync(path.join(v, 'precious.txt'), path.join(proj, 'app.py'));
    expect(() => f.write()).toThrow(/app\.py: not fixed: it is a symbolic link/);
    expect(precious(v)).toBe('PRECIOUS');
  });

  it('fix refuses a source file whose bytes changed since the scan', async () => {
    const proj = tree({ 'app.py': CODE });
    const f = await planned(proj);
    writeFileSync(path.join(proj, 'app.py'), CODE + '# edited meanwhile\n');
    expect(() => f.write()).toThrow(/changed since it was scanned/);
    expect(readFileSync(path.join(proj, 'app.py'), 'utf8')).toContain('# edited meanwhile');
  });

  it('krait fix on a symlink named on the command line does not write through it (CLI, exit 1)', () => {
    const v = tree({ 'real.py': CODE }, 'krait-victim-');
    const proj = tree({});
    symlinkSync(path.join(v, 'real.py'), path.join(proj, 'link.py'));
    const r = krait(['fix', 'link.py', '--no-config', '--unsafe-fixes'], { cwd: proj });
    expect(r.stderr).toMatch(/link\.py: not fixed: it is a symbolic link/);
    expect(r.status).toBe(1);
    expect(readFileSync(path.join(v, 'real.py'), 'utf8')).toBe(CODE);
  });
});

describe('hostile writes: archive temporary folders go on SIGINT/SIGTERM', { timeout: 300_000 }, () => {
  /** A project holding a large .tar.gz (many Python files), so the scan runs for a while. */
  function bigArchiveProject(): string {
    const src = tree({}, 'krait-bigsrc-');
    const pkg = path.join(src, 'pkg-1.0');
    mkdirSync(pkg);
    for (let i = 0; i < 1500; i++) writeFileSync(path.join(pkg, `m${i}.py`), `import os\n${'def f%d(x):\n    os.system(x)\n'.repeat(20)}`.replace(/%d/g, String(i)));
    const proj = tree({}, 'krait-bigproj-');
    execFileSync('tar', ['-czf', path.join(proj, 'pkg-1.0.tar.gz'), '-C', src, 'pkg-1.0']);
    rmSync(src, { recursive: true });
    return proj;
  }

  async function interrupted(signal: 'SIGINT' | 'SIGTERM'): Promise<{ left: string[]; code: number | null; sig: NodeJS.Signals | null; sawTemp: boolean }> {
    const proj = bigArchiveProject();
    const tmp = mkdtempSync(path.join(tmpdir(), 'krait-sigtmp-'));
    const child = spawn(process.execPath, [BIN, 'scan', proj, '--no-config', '-f', 'json', '-q', '-j', '1'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const done = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    // Wait until the archive's temporary folder holds files, then interrupt.
    let sawTemp = false;
    for (let i = 0; i < 1200 && child.exitCode === null; i++) {
      const t = readdirSync(tmp).find((n) => n.startsWith('krait-archive-'));
      if (t && existsSync(path.join(tmp, t, 'pkg-1.0', 'm1499.py'))) {
        sawTemp = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill(signal);
    const [code, sig] = await done;
    const left = readdirSync(tmp).filter((n) => n.startsWith('krait-archive-'));
    rmSync(tmp, { recursive: true, force: true });
    rmSync(proj, { recursive: true, force: true });
    return { left, code, sig, sawTemp };
  }

  it('SIGINT during a scan of a big archive removes its temporary folder and ends by the signal', async () => {
    const r = await interrupted('SIGINT');
    expect(r.sawTemp).toBe(true);
    expect(r.left).toEqual([]);
    expect(r.sig === 'SIGINT' || r.code === 130).toBe(true);
  });

  it('SIGTERM during a scan of a big archive removes its temporary folder and ends by the signal', async () => {
    const r = await interrupted('SIGTERM');
    expect(r.sawTemp).toBe(true);
    expect(r.left).toEqual([]);
    expect(r.sig === 'SIGTERM' || r.code === 143).toBe(true);
  });

  it('a normal exit removes the temporary folder too', () => {
    const proj = tree({}, 'krait-smallproj-');
    const src = tree({ 'p-1.0/a.py': 'eval(x)\n' }, 'krait-smallsrc-');
    execFileSync('tar', ['-czf', path.join(proj, 'small.tar.gz'), '-C', src, 'p-1.0']);
    const tmp = mkdtempSync(path.join(tmpdir(), 'krait-sigtmp-'));
    const out = execFileSync(process.execPath, [BIN, 'scan', proj, '--no-config', '-f', 'json', '-q', '--exit-zero'], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
    expect(out).toContain('small.tar.gz!/p-1.0/a.py');
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });
});
