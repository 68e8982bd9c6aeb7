import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/pipeline/config.js';
import { scan } from '../../src/pipeline/scan.js';
import { setProjectModels } from '../../src/taint/models/project.js';
import { runWithModels } from './models-helpers.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-models-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

const PYPROJECT = `
[tool.krait]
select = ["KR101", "KR102", "KR108"]

[[tool.krait.taint.sources]]
name = "myapp.web.param"

[[tool.krait.taint.sinks]]
name = "myapp.db.run_sql"
kind = "sql"
args = [0]

[[tool.krait.taint.sinks]]
method = "shell_out"
kind = "command"

[[tool.krait.taint.sanitizers]]
name = "myapp.security.clean_sql"
clears = ["sql"]

[tool.krait.taint]
pass-through = ["myapp.util.wrap"]
`;

const APP = `
from myapp.web import param
from myapp.db import run_sql
from myapp.security import clean_sql
from myapp.util import wrap

def view():
    name = param("name")
    run_sql("SELECT * FROM t WHERE n = '" + wrap(name) + "'")
    run_sql("SELECT * FROM t WHERE n = '" + clean_sql(name) + "'")
    runner.shell_out("ls " + name)
`;

afterEach(() => setProjectModels(undefined));

describe('project-defined taint models ([tool.krait.taint])', () => {
  it('are read and validated from pyproject.toml', () => {
    const root = tree({ 'pyproject.toml': PYPROJECT });
    const cfg = loadConfig(root);
    expect(cfg.taint).toEqual({
      sources: [{ name: 'myapp.web.param' }],
      sinks: [
        { name: 'myapp.db.run_sql', kind: 'sql', args: [0] },
        { method: 'shell_out', kind: 'command' },
      ],
      sanitizers: [{ name: 'myapp.security.clean_sql', clears: ['sql'] }],
      passThrough: ['myapp.util.wrap'],
    });
    const bad = tree({ 'pyproject.toml': '[[tool.krait.taint.sinks]]\nname = "x.y"\nkind = "sqll"\n' });
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    expect(() => loadConfig(bad)).toThrow(/taint\.sinks\.0\.kind/);
    const both = tree({ 'pyproject.toml': '[[tool.krait.taint.sinks]]\nname = "x.y"\nmethod = "y"\nkind = "sql"\n' });
    expect(() => loadConfig(both)).toThrow(/either name/);
  });

  it('add sources, sinks, sanitizers and pass-through summaries to the analysis', () => {
    const models = loadConfig(tree({ 'pyproject.toml': PYPROJECT })).taint;
    const sql = runWithModels(APP, ['KR101'], models);
    // The wrapped value is reported; the sanitised one is not.
    expect(sql.map((f) => f.location.startLine)).toEqual([9]);
    expect(sql[0]!.trace![0]!.message).toContain('myapp.web.param');
    expect(runWithModels(APP, ['KR102'], models).map((f) => f.location.startLine)).toEqual([11]);
    // Without the project's models, none of these names mean anything.
    expect(runWithModels(APP, ['KR101', 'KR102'])).toEqual([]);
  });

  it('reach the worker threads through the per-file options', async () => {
    const files: Record<string, string> = { 'pyproject.toml': PYPROJECT };
    for (let i = 0; i < 30; i++) files[`pkg/m${i}.py`] = APP;
    const root = tree(files);
    const report = await scan({ targets: [root], jobs: 2 });
    // A flow finding may be merged into the pattern finding at the same place (relatedRuleIds).
    const is = (id: string) => (f: (typeof report.findings)[number]) => f.ruleId === id || (f.relatedRuleIds ?? []).includes(id);
    const kr101 = report.findings.filter(is('KR101'));
    expect(kr101.length).toBe(30);
    expect(new Set(kr101.map((f) => f.location.startLine))).toEqual(new Set([9]));
    expect(report.findings.filter(is('KR102')).length).toBe(30);
  });
});
