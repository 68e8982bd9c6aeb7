/**
 * The per-file facts that choose which files the project pass analyses again: a call into
 * the project's own modules is marked `unknown` only when its result can reach a pattern
 * finding whose verdict stayed `unknown` (a callee returning only constants may then settle
 * it). Calls elsewhere in the file do not make the file worth a second look.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/pipeline/analyze.js';
import { CODE_RULES } from '../../src/rules/index.js';
import type { FileResult } from '../../src/report/model.js';
import { writeTree } from '../hostile/analyze-helpers.js';
import { analysesStarted, FLOW_RULE_IDS } from '../../src/taint/index.js';

/** The per-file pass over `code` (as `app/main.py`, with `helpers` a module of the project). */
function facts(code: string): FileResult['taint'] {
  const root = writeTree({ 'app/main.py': code });
  const r = analyzeFile({
    absPath: path.join(root, 'app/main.py'),
    path: 'app/main.py',
    kind: 'python',
    packageName: 'app',
    options: { analyses: ['rules'], enabledRules: CODE_RULES.map((x) => x.id), ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 30, localModules: ['helpers', 'app'] },
  });
  return r.taint;
}

const unknownCalls = (code: string) => (facts(code)?.calls ?? []).filter((c) => c.unknown).map((c) => c.callee).sort();

describe('which project calls can settle an unknown verdict', () => {
  it('a call in the function of the unknown finding is marked; a call in another function is not', () => {
    const code = [
      'import subprocess',
      'import helpers',
      'def run(x):',
      '    cmd = helpers.command()',
      '    subprocess.call(cmd, shell=True)',
      'def other():',
      '    return helpers.name()',
      '',
    ].join('\n');
    expect(unknownCalls(code)).toEqual(['helpers.command']);
    expect(facts(code)!.calls.map((c) => c.callee).sort()).toEqual(['helpers.command', 'helpers.name']);
  });

  it('a call made by a module function that the finding’s function calls is marked too', () => {
    const code = [
      'import subprocess',
      'import helpers',
      'def build():',
      '    return helpers.command()',
      'def run():',
      '    subprocess.call(build(), shell=True)',
      'def other():',
      '    return helpers.name()',
      '',
    ].join('\n');
    expect(unknownCalls(code)).toEqual(['helpers.command']);
  });

  it('module-level calls count for every function (a global set from a helper)', () => {
    const code = ['import subprocess', 'import helpers', 'CMD = helpers.command()', 'def run():', '    subprocess.call(CMD, shell=True)', 'def other():', '    return helpers.name()', ''].join('\n');
    expect(unknownCalls(code)).toEqual(['helpers.command']);
  });

  it('an enclosing function’s calls count for a finding in a nested function', () => {
    const code = ['import subprocess', 'import helpers', 'def outer():', '    cmd = helpers.command()', '    def inner():', '        subprocess.call(cmd, shell=True)', '    return inner', 'def other():', '    return helpers.name()', ''].join('\n');
    expect(unknownCalls(code)).toEqual(['helpers.command']);
  });

  it('no finding left unknown: no call is marked (a constant command is settled in the file)', () => {
    const code = ['import subprocess', 'import helpers', 'def run():', '    x = helpers.command()', '    subprocess.call("ls -l", shell=True)', ''].join('\n');
    expect(unknownCalls(code)).toEqual([]);
  });

  it('recursion leaves the callee without a summary: every call counts', () => {
    const code = [
      'import subprocess',
      'import helpers',
      'def a(n):',
      '    return b(n) if n else helpers.command()',
      'def b(n):',
      '    return a(n - 1)',
      'def run():',
      '    subprocess.call(a(3), shell=True)',
      'def other():',
      '    return helpers.name()',
      '',
    ].join('\n');
    expect(unknownCalls(code)).toEqual(['helpers.command', 'helpers.name']);
  });
});

describe('one data-flow analysis per module', () => {
  it('every flow rule reports at Module:exit, after the walk has registered what triage will ask about', () => {
    const flowRules = CODE_RULES.filter((r) => FLOW_RULE_IDS.has(r.id));
    expect(flowRules.length).toBeGreaterThan(15);
    for (const r of flowRules) expect(Object.keys(r.visit), r.id).not.toContain('Module');
  });

  it('a module with pattern findings for triage and flows of every kind is analysed once', () => {
    const code = [
      'import logging, re, subprocess, pickle',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/r")',
      'def r():',
      '    q = request.args["q"]',
      '    logging.info("q=%s", q)', // KR116 (a flow rule that used to run on Module enter)
      '    re.compile(q)', // KR137
      '    subprocess.call("ls " + q, shell=True)', // B602 + KR102
      '    pickle.loads(q)', // B301 + KR109
      '    return "ok"',
      '',
    ].join('\n');
    const before = analysesStarted();
    facts(code);
    expect(analysesStarted() - before).toBe(1);
  });
});

describe('calls that give a helper sanitised data (`cleaned`)', () => {
  const cleaned = (code: string) => (facts(code)?.calls ?? []).filter((c) => c.cleaned).map((c) => c.callee).sort();
  const view = (arg: string) =>
    ['from flask import request', 'import helpers', 'def view():', `    n = ${arg}`, '    return eval(helpers.expr(n))', ''].join('\n');

  it('int() of request data is sanitised: the call is marked', () => {
    expect(cleaned(view('int(request.args["n"])'))).toEqual(['helpers.expr']);
  });

  it('raw request data (live) is not cleaned: not marked (the call carries a source instead)', () => {
    const code = view('request.args["n"]');
    expect(cleaned(code)).toEqual([]);
    expect((facts(code)?.calls ?? []).filter((c) => c.src).map((c) => c.callee)).toEqual(['helpers.expr']);
  });

  it('sanitised data with a parameter of the caller beside it (which the helper may return): not marked', () => {
    const code = ['from flask import request', 'import helpers', 'def view(x):', '    n = int(request.args["n"])', '    return eval(helpers.expr(n, x))', ''].join('\n');
    expect(cleaned(code)).toEqual([]);
  });

  it('a value of unknown origin (no source at all): not marked', () => {
    expect(cleaned(view('compute()'))).toEqual([]);
  });
});
