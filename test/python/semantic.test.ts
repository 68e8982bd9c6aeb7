import { describe, expect, it } from 'vitest';
import { parsePython } from '../../src/python/parse.js';
import { linkParents, walk } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import type * as A from '../../src/python/ast.js';

function callNames(code: string, pkg = ''): string[] {
  const r = parsePython(code);
  linkParents(r.module);
  const m = new SemanticModel(r.module, pkg);
  const out: string[] = [];
  walk(r.module, (n) => {
    if (n.type === 'Call') out.push(m.callName(n) ?? '<computed>');
  });
  return out;
}

describe('semantic model', () => {
  it('resolves qualified names through every import form', () => {
    expect(callNames('import subprocess as sp\nsp.Popen(x)')).toEqual(['subprocess.Popen']);
    expect(callNames('from os import system as run\nrun(x)')).toEqual(['os.system']);
    expect(callNames('import os.path\nos.path.join(a)')).toEqual(['os.path.join']);
    expect(callNames("__import__('os').system(x)")).toEqual(['os.system', '__import__']);
    expect(callNames("import importlib\nimportlib.import_module('pickle').loads(b)")).toEqual(['pickle.loads', 'importlib.import_module']);
    expect(callNames('eval(x)')).toEqual(['eval']);
  });

  it('resolves relative imports against the package of the file', () => {
    expect(callNames('from .helpers import run\nrun()', 'shop.app')).toEqual(['shop.app.helpers.run']);
    expect(callNames('from .. import util\nutil.go()', 'shop.app')).toEqual(['shop.util.go']);
  });

  it('follows scopes: a local binding shadows a module import only inside its function', () => {
    const code = 'import pickle\ndef f(pickle):\n    pickle.loads(x)\npickle.loads(y)\n';
    // Inside f, `pickle` is the parameter, not the module (bandit would still say pickle.loads).
    expect(callNames(code)).toEqual(['pickle.loads', 'pickle.loads']);
    const code2 = 'def f():\n    import yaml as y\n    y.load(s)\ndef g():\n    y.load(s)\n';
    expect(callNames(code2)).toEqual(['yaml.load', 'y.load']);
  });

  it('follows single-assignment aliases of attributes', () => {
    expect(callNames('import subprocess\nrun = subprocess.check_output\nrun(cmd)')).toEqual(['subprocess.check_output']);
  });

  it('folds literal strings and simple constants', () => {
    const r = parsePython('BASE = "SELECT "\nq = BASE + "* FROM t"\nn = f"x{1}"\nz = a + "b"\n');
    linkParents(r.module);
    const m = new SemanticModel(r.module);
    const values = (r.module.body as A.Assign[]).map((s) => m.constValue(s.value));
    expect(values).toEqual(['SELECT ', 'SELECT * FROM t', 'x1', undefined]);
  });

  it('answers "does this module import X" for a module and its dotted prefixes, at dot boundaries only', () => {
    const model = (code: string, pkg = '') => {
      const r = parsePython(code);
      linkParents(r.module);
      return new SemanticModel(r.module, pkg);
    };
    const m = model('import a.b.c\nfrom flask.views import View\nfrom .helpers import run', 'shop');
    for (const yes of ['a', 'a.b', 'a.b.c', 'flask', 'flask.views', 'shop.helpers']) expect(m.importsModule(yes), yes).toBe(true);
    for (const no of ['a.b.c.d', 'a.bc', 'fla', 'flask.views.View.x', 'django', 'helpers']) expect(m.importsModule(no), no).toBe(false);
    expect(m.importsModule('django', 'flask')).toBe(true);
    expect(m.importsModule()).toBe(false);
    expect(model('x = 1').importsModule('os')).toBe(false);
  });
});

describe('reachingValue: the assignment a read sees', () => {
  /** The source text of the value `reachingValue` gives for the read of `x` in `use(x)` (the call marked by its name), or null. */
  function reaching(code: string): string | null {
    const r = parsePython(code);
    linkParents(r.module);
    const m = new SemanticModel(r.module, '');
    let read: A.Name | undefined;
    walk(r.module, (n) => {
      if (n.type === 'Call' && n.func.type === 'Name' && n.func.id === 'use' && n.args[0]?.type === 'Name') read = n.args[0];
    });
    const v = read && m.reachingValue(read);
    if (!v) return null;
    const lines = code.split('\n');
    return lines[v.lineno - 1].slice(v.col_offset, v.end_col_offset);
  }

  it('a name bound once: its value', () => {
    expect(reaching('def f():\n    x = a()\n    use(x)')).toBe('a()');
  });

  it('bound again after the read, outside any loop: the first value', () => {
    expect(reaching('def f():\n    x = a()\n    if c:\n        use(x)\n    x = b(x)')).toBe('a()');
  });

  it('the last assignment before the read in the same block', () => {
    expect(reaching('def f():\n    x = a()\n    x = b()\n    use(x)')).toBe('b()');
  });

  it('a parameter rebound at the top of the body', () => {
    expect(reaching('def f(x):\n    x = a(x)\n    use(x)')).toBe('a(x)');
  });

  it('an assignment in a branch before the read: none', () => {
    expect(reaching('def f():\n    x = a()\n    if c:\n        x = b()\n    use(x)')).toBeNull();
  });

  it('a read in the value of its own assignment sees the earlier one: none when that is unknown', () => {
    expect(reaching('def f(x):\n    x = use(x)')).toBeNull();
  });

  it('bound again later inside a loop around the read: none', () => {
    expect(reaching('def f():\n    x = a()\n    for i in r:\n        use(x)\n        x = b()')).toBeNull();
  });

  it('bound again later in a loop that does not hold the read: the first value', () => {
    expect(reaching('def f():\n    x = a()\n    use(x)\n    for i in r:\n        x = b()')).toBe('a()');
  });

  it('an augmented assignment or a loop target as the last binding: none', () => {
    expect(reaching('def f():\n    x = a()\n    x += b()\n    use(x)')).toBeNull();
    expect(reaching('def f():\n    x = a()\n    for x in r:\n        pass\n    use(x)')).toBeNull();
  });

  it('a module name another function rebinds through `global`: none', () => {
    expect(reaching('def g():\n    global x\n    x = c()\nx = a()\ng()\nuse(x)')).toBeNull();
  });
});
