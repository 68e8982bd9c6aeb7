/**
 * Property-based hostile input (fast-check, fixed seeds, run counts sized so the whole file
 * stays within a few seconds of CPU): decoding + parsing + lowering + rules, the secrets
 * scanner, every manifest and lock-file parser, the archive extractor and every report
 * renderer never throw on arbitrary input, and what they return stays inside the input
 * (finding lines within the file, extracted files inside the extraction folder).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, realpathSync, writeFileSync, lstatSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePython, universalNewlines } from '../../src/core/decode.js';
import { parsePython } from '../../src/python/parse.js';
import { splitLines } from '../../src/core/snippet.js';
import { detectSecrets } from '../../src/pipeline/secrets.js';
import { parseManifest, type ManifestKind } from '../../src/deps/manifests/index.js';
import { extractArchive } from '../../src/pipeline/discover/archive.js';
import { ipythonToPython } from '../../src/python/ipython.js';
import { notebookModule } from '../../src/pipeline/notebook.js';
import { writeReport } from '../../src/report/index.js';
import { ruleMeta } from '../../src/rules/catalog.js';
import { CODE_RULES } from '../../src/rules/index.js';
import { runOn } from '../helpers/rule-tester.js';
import { scanTree } from './analyze-helpers.js';
import type { FileKind } from '../../src/core/file.js';

const PY_FRAGMENTS = [
  'def ', 'class ', 'lambda ', 'x', 'os.system(', 'eval(', 'ｅｖａｌ', 'ﬁ', '𝐞', 'import os', 'from . import y', '(', ')', '[', ']', '{', '}',
  ':', ',', '=', '==', '+', '*', '**', '.', '"', "'", '"""', "'''", 'f"{', '}"', 'rb"', '\\', '#', '# nosec', '\n', '\r', '\r\n', ' ', '    ',
  '\t', '\f', '\u202e', '\u00a0', '\ufeff', 'async ', 'await ', 'yield ', 'match x:', 'case _:', 'try:', 'except* E:', '@dec', 'if ', 'else:',
  'password = "hunter22"', 'AKIAIOSFODNN7EXAMPLF', '!ls', '%%bash', '0x', '1e', '1_000', '...', ';', '\x00'.replace('\x00', '\u0001'),
];
const pySource = fc.array(fc.constantFrom(...PY_FRAGMENTS), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(pySource, fc.string({ maxLength: 200, unit: 'binary' }));
const ALL_RULES = CODE_RULES.map((r) => r.id);

describe('hostile properties (fast-check, fixed seeds)', () => {
  it('decode + universal newlines + parse + lowering + every rule: no throw, findings inside the file', () => {
    fc.assert(
      fc.property(fc.oneof(pySource.map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 300 })), (bytes) => {
        const text = universalNewlines(decodePython(bytes).text);
        const lines = splitLines(text);
        const parsed = parsePython(text);
        for (const r of parsed.module.renamed ?? []) expect(r.name.normalize('NFKC')).toBe(r.name);
        const findings = runOn(text, ALL_RULES);
        for (const f of findings) {
          expect(f.location.startLine).toBeGreaterThanOrEqual(1);
          expect(f.location.endLine).toBeLessThanOrEqual(lines.length);
        }
      }),
      { seed: 1201, numRuns: 150 },
    );
  });

  it('universal newlines leave no CR and keep the line count of splitLines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }).map((s) => s.replace(/[a-f]/g, '\r').replace(/[g-k]/g, '\n')), (s) => {
        const u = universalNewlines(s);
        expect(u.includes('\r')).toBe(false);
        expect(splitLines(u).length).toBe(splitLines(s).length);
      }),
      { seed: 1202, numRuns: 300 },
    );
  });

  it('the secrets scanner never throws and reports lines inside the file, for every file kind', () => {
    const kinds: FileKind[] = ['python', 'env', 'yaml', 'json', 'toml', 'ini', 'shell', 'notebook', 'dockerfile', 'compose'];
    fc.assert(
      fc.property(anyText, fc.constantFrom(...kinds), (text, kind) => {
        const lines = splitLines(text);
        for (const f of detectSecrets({ path: 'x', kind, text, lines })) {
          expect(f.location.startLine).toBeGreaterThanOrEqual(1);
          expect(f.location.startLine).toBeLessThanOrEqual(lines.length);
        }
      }),
      { seed: 1203, numRuns: 200 },
    );
  });

  it('every manifest and lock-file parser returns a result (no throw) on hostile text', () => {
    const kinds: ManifestKind[] = ['requirements', 'pyproject', 'setup-cfg', 'setup-py', 'pipfile', 'pipfile-lock', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock', 'conda-env', 'dist-metadata'];
    const frags = ['[', ']', '[[package]]', 'name = ', '"', "'", 'version', ' = ', '{', '}', ':', '-r ', '-c ', '-e ', '../', '/etc/passwd', 'file:', 'requests', '==', '>=1.0', ';', 'python_version < "3"', '\n', '\r\n', '\r', '#', '\\', 'Requires-Dist: ', 'dependencies:', '- ', '  ', 'install_requires', 'setup(', ')', '[tool.poetry.dependencies]', 'path = ', '__proto__', 'constructor', '\u0000'];
    const text = fc.oneof(fc.array(fc.constantFrom(...frags), { maxLength: 50 }).map((a) => a.join('')), fc.string({ maxLength: 200 }));
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'krait-prop-')));
    try {
      fc.assert(
        fc.property(text, fc.constantFrom(...kinds), (t, kind) => {
          const r = parseManifest({ path: 'm', absPath: path.join(root, 'm'), text: t }, kind, { root });
          expect(Array.isArray(r.requirements)).toBe(true);
          for (const d of r.diagnostics) expect(d.message.includes('\n')).toBe(false);
        }),
        { seed: 1204, numRuns: 300 },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the IPython translation keeps the line count and never throws', () => {
    const frags = ['!', '%', '%%', 'bash', 'time', 'sx', 'system', '{x}', '$y', ' ', '    ', '?', 'x = ', 'ls', '\n', 'eval(z)', 'script', '%%!'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...frags), { maxLength: 8 }).map((a) => a.join('').replace(/\n/g, '')), { maxLength: 12 }), (cell) => {
        const t = ipythonToPython(cell);
        expect(t.lines).toHaveLength(cell.length);
        for (const s of t.shell) expect(s.line).toBeLessThan(cell.length);
      }),
      { seed: 1205, numRuns: 400 },
    );
  });

  it('notebook JSON of any shape is read or refused without a throw', () => {
    const cell = fc.record({ cell_type: fc.constantFrom('code', 'markdown', 'raw', 7), source: fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), fc.integer()) });
    fc.assert(
      fc.property(fc.oneof(fc.record({ cells: fc.array(cell, { maxLength: 5 }) }).map((o) => JSON.stringify(o, null, 1)), fc.string({ maxLength: 80 })), (text) => {
        const nb = notebookModule(text, 'nb.ipynb');
        if (nb) expect(nb.lines.length).toBe(nb.origins.length);
      }),
      { seed: 1206, numRuns: 300 },
    );
  });

  it('the archive extractor never throws anything but a one-line Error and never writes outside its folder', async () => {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'krait-prop-arch-')));
    const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.concat([zipHead, Buffer.from(b)])),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
    );
    try {
      await fc.assert(
        fc.asyncProperty(bytes, fc.constantFrom('a.whl', 'a.zip', 'a.tar', 'a.tar.gz'), async (b, name) => {
          const file = path.join(root, name);
          writeFileSync(file, b);
          try {
            const x = await extractArchive(file);
            const stack = [x.dir];
            while (stack.length) {
              const d = stack.pop()!;
              for (const e of readdirSync(d)) {
                const p = path.join(d, e);
                expect(p.startsWith(x.dir + path.sep)).toBe(true);
                const st = lstatSync(p);
                expect(st.isSymbolicLink()).toBe(false);
                if (st.isDirectory()) stack.push(p);
              }
            }
            x.cleanup();
          } catch (err) {
            expect(err).toBeInstanceOf(Error);
            expect((err as Error).message.includes('\n')).toBe(false);
          }
        }),
        { seed: 1207, numRuns: 120 },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('every renderer renders reports holding hostile strings without a throw (JSON and SARIF stay valid)', async () => {
    const { report } = await scanTree({ 'a.py': 'import os\nos.system(x)\neval(y)\n', 'b.py': 'password = "hunter22"\n' });
    const hostile = fc.string({ maxLength: 60, unit: 'binary' });
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (msg, p, snip) => {
        const r = structuredClone(report);
        for (const f of r.findings) {
          f.message = msg;
          f.location.path = p || 'x';
          f.snippet = snip;
        }
        for (const format of ['text', 'json', 'sarif', 'html'] as const) {
          const out = await writeReport(r, { format, color: false, lookupRule: ruleMeta });
          expect(typeof out).toBe('string');
          if (format === 'json' || format === 'sarif') expect(() => JSON.parse(out!)).not.toThrow();
        }
      }),
      { seed: 1208, numRuns: 25 },
    );
  });
});
