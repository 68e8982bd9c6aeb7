/**
 * Local input (command line, environment) across modules. Only SQL, NoSQL, LDAP, XPath,
 * command and code sinks report it (LOCAL_SOURCE_RULES), in the caller's module and in the
 * callee's alike; so the project pass takes a second look at a caller that passes local
 * input on only when that can give such a finding: the callee reaches one of those sinks,
 * checks the data, or passes it back to a module that has one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, type FileTask } from '../../src/pipeline/analyze.js';
import { planCrossModule } from '../../src/pipeline/crossmodule.js';
import type { Finding } from '../../src/core/finding.js';
import { CODE_RULES } from '../../src/rules/index.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';
import { scanProject as scanAll } from '../helpers/scan-project.js';

cleanTempDirs();

/** The active findings of a project. */
const scanProject = (files: Record<string, string>): Promise<Finding[]> => scanAll(files, { prefix: 'krait-xlocal-' });

/** The files the project pass would analyse again (paths relative to the project). */
function secondLookCallers(files: Record<string, string>): string[] {
  const root = tempProject(files, 'krait-xlocal-plan-');
  const options = { analyses: ['rules' as const], enabledRules: CODE_RULES.map((x) => x.id), ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 30, localModules: ['tool'] };
  const tasks: FileTask[] = Object.keys(files).map((p) => ({ absPath: path.join(root, p), path: p, kind: 'python', packageName: path.dirname(p).replaceAll('/', '.'), options }));
  const results = tasks.map((t) => analyzeFile(t));
  return planCrossModule(tasks, results).callers;
}

const HELPER = 'def quoted(x):\n    return "\'" + x + "\'"\n';
const ruleOf = (f: Finding) => [f.ruleId, ...(f.relatedRuleIds ?? [])];

describe('local input passed to another module', () => {
  it('through a helper back into an SQL query of the caller: reported, with the helper in the trace', async () => {
    const found = await scanProject({
      'tool/__init__.py': '',
      'tool/text.py': HELPER,
      'tool/cli.py': 'import sqlite3, sys\nfrom tool.text import quoted\ncur = sqlite3.connect("x.db").cursor()\ncur.execute("SELECT * FROM t WHERE name = " + quoted(sys.argv[1]))\n',
    });
    const sql = found.filter((f) => f.location.path === 'tool/cli.py' && ruleOf(f).includes('KR101'));
    expect(sql).toHaveLength(1);
    expect(sql[0]!.location.startLine).toBe(4);
    expect((sql[0]!.trace ?? []).map((s) => s.message)).toContain("quoted(sys.argv[1]) → parameter 'x' of quoted()");
  });

  it('a helper that returns a constant whatever it is given: nothing reaches the query', async () => {
    const found = await scanProject({
      'tool/__init__.py': '',
      'tool/text.py': 'def quoted(x):\n    return "\'name\'"\n',
      'tool/cli.py': 'import sqlite3, sys\nfrom tool.text import quoted\ncur = sqlite3.connect("x.db").cursor()\ncur.execute("SELECT * FROM t WHERE name = " + quoted(sys.argv[1]))\n',
    });
    expect(found.filter((f) => ruleOf(f).includes('KR101'))).toHaveLength(0);
  });

  it('the same helper with a converting caller (int) gives nothing', async () => {
    const found = await scanProject({
      'tool/__init__.py': '',
      'tool/text.py': HELPER,
      'tool/cli.py': 'import sqlite3, sys\nfrom tool.text import quoted\ncur = sqlite3.connect("x.db").cursor()\ncur.execute("SELECT * FROM t WHERE id = " + quoted(str(int(sys.argv[1]))))\n',
    });
    expect(found.filter((f) => ruleOf(f).includes('KR101'))).toHaveLength(0);
  });

  it('into an LDAP filter in another module: reported there, as in one module', async () => {
    const found = await scanProject({
      'tool/__init__.py': '',
      'tool/directory.py': 'import ldap\ndef find(conn, name):\n    return conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + name + ")")\n',
      'tool/cli.py': 'import sys\nimport ldap\nfrom tool.directory import find\nconn = ldap.initialize("ldap://localhost")\nprint(find(conn, sys.argv[1]))\n',
    });
    const hits = found.filter((f) => ruleOf(f).includes('KR110'));
    expect(hits.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['tool/directory.py:3']);
    expect(hits[0]!.trace![0]!.location.path).toMatch(/cli\.py$/);
  });

  it('an LDAP filter built from a constant in the caller is not reported', async () => {
    const found = await scanProject({
      'tool/__init__.py': '',
      'tool/directory.py': 'import ldap\ndef find(conn, name):\n    return conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + name + ")")\n',
      'tool/cli.py': 'import ldap\nfrom tool.directory import find\nconn = ldap.initialize("ldap://localhost")\nprint(find(conn, "admin"))\n',
    });
    expect(found.filter((f) => ruleOf(f).includes('KR110'))).toHaveLength(0);
  });
});

describe('which callers passing local input get a second look', () => {
  const passBack = (caller: string) => ({ 'tool/__init__.py': '', 'tool/text.py': HELPER, 'tool/cli.py': caller });

  it('passed back into a file path only (no sink that reports local input): no second look', () => {
    expect(secondLookCallers(passBack('import sys\nfrom tool.text import quoted\nopen(quoted(sys.argv[1]))\n'))).toEqual([]);
  });

  it('passed back where an SQL query is made: a second look', () => {
    expect(secondLookCallers(passBack('import sqlite3, sys\nfrom tool.text import quoted\nname = quoted(sys.argv[1])\nsqlite3.connect("x").execute("SELECT " + name)\n'))).toEqual(['tool/cli.py']);
  });

  it('request data passed back into a file path: a second look (a path sink reports it)', () => {
    expect(
      secondLookCallers(passBack('from flask import Flask, request\nfrom tool.text import quoted\napp = Flask(__name__)\n@app.route("/f")\ndef f():\n    return open(quoted(request.args["p"])).read()\n')),
    ).toEqual(['tool/cli.py']);
  });

  it('local input into a callee that runs a command: a second look; into one that only opens a file: none', () => {
    const files = (body: string) => ({ 'tool/__init__.py': '', 'tool/ops.py': `import os, subprocess\ndef act(x):\n    ${body}\n`, 'tool/cli.py': 'import sys\nfrom tool.ops import act\nact(sys.argv[1])\n' });
    expect(secondLookCallers(files('subprocess.call("ls " + x, shell=True)'))).toEqual(['tool/cli.py']);
    expect(secondLookCallers(files('open(x).read()'))).toEqual([]);
  });

  it('a chain: local input through a forwarding module into a pass-through, back where a command runs: a second look', () => {
    const files = {
      'tool/__init__.py': '',
      'tool/text.py': HELPER,
      'tool/mid.py': 'import os\nfrom tool.text import quoted\ndef run(x):\n    os.system("echo " + quoted(x))\n',
      'tool/cli.py': 'import sys\nfrom tool.mid import run\nrun(sys.argv[1])\n',
    };
    expect(secondLookCallers(files)).toContain('tool/cli.py');
  });

  it('a chain that brings local input back to the caller, where a command runs: a second look, and the flow found', async () => {
    const files = {
      'tool/__init__.py': '',
      'tool/text.py': HELPER,
      'tool/mid.py': 'from tool.text import quoted\ndef wrap(x):\n    return quoted(x)\n',
      'tool/cli.py': 'import os, sys\nfrom tool.mid import wrap\nos.system("echo " + wrap(sys.argv[1]))\n',
    };
    expect(secondLookCallers(files)).toEqual(['tool/cli.py']);
    const found = await scanProject(files);
    expect(found.filter((f) => ruleOf(f).includes('KR102')).map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['tool/cli.py:3']);
  });
});
