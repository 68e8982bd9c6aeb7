/**
 * Functions and lambdas defined inside a view read the view's variables when they run:
 * nested functions (closures), lambdas bound to a name, and lambdas mapped over a list; the
 * methods of an instance made with untrusted arguments read the fields its constructor set.
 * Each vulnerable case has a safe twin where what the closure reads at the call is not
 * controlled (a constant, a sanitised value, a variable rebound before the call).
 */
import { describe, expect, it } from 'vitest';
import { stepsWithOneFlow } from '../helpers/triage-helpers.js';
import { runPairs, type Pair } from './models-helpers.js';

const H = 'import subprocess\nimport shlex\nimport requests\nfrom flask import Flask, request\napp = Flask(__name__)\n';
const JOB = `${H}class Job:\n    def __init__(self, host):\n        self.host = host\n    def run(self):\n        return subprocess.call("ping -c 1 " + self.host, shell=True)\n`;
const view = (body: string): string => `${H}@app.route("/x")\ndef x():\n${body.replace(/^/gm, '    ')}\n`;

const pairs: Pair[] = [
  {
    name: 'a nested function reads a request value of the view (SSRF)',
    rule: 'KR105',
    vuln: view('url = request.args["u"]\ndef fetch():\n    return requests.get(url)\nreturn fetch().text'),
    safe: view('url = request.args["u"]\ndef fetch():\n    return requests.get("https://api.example.com/items", params={"q": url})\nreturn fetch().text'),
    source: 'request.args',
  },
  {
    name: 'a nested function sees the value its free name holds at the call, not an earlier one',
    rule: 'KR105',
    vuln: view('url = "https://api.example.com/"\nurl = request.args["u"]\ndef fetch():\n    return requests.get(url)\nreturn fetch().text'),
    safe: view('url = request.args["u"]\nurl = "https://api.example.com/"\ndef fetch():\n    return requests.get(url)\nreturn fetch().text'),
    source: 'request.args',
  },
  {
    name: 'a nested function runs a command with a captured request value; shlex.quote before the call clears it',
    rule: 'KR102',
    vuln: view('host = request.args["h"]\ndef run():\n    return subprocess.call("ping -c 1 %s" % host, shell=True)\nrun()\nreturn "ok"'),
    safe: view('host = shlex.quote(request.args["h"])\ndef run():\n    return subprocess.call("ping -c 1 %s" % host, shell=True)\nrun()\nreturn "ok"'),
    source: 'request.args',
  },
  {
    name: 'a lambda bound to a name reads the view\'s request value',
    rule: 'KR105',
    vuln: view('url = request.args["u"]\nget = lambda: requests.get(url)\nreturn get().text'),
    safe: view('url = request.args["u"]\nget = lambda: requests.get("https://api.example.com/" if url else "https://api.example.com/none")\nreturn get().text'),
    source: 'request.args',
  },
  {
    name: 'map(lambda u: sink(u), items): the parameter takes the elements',
    rule: 'KR105',
    vuln: view('items = request.args.getlist("u")\nreturn "".join(map(lambda u: requests.get(u).text, items))'),
    safe: view('items = ["https://a.example.com", "https://b.example.com"]\nreturn "".join(map(lambda u: requests.get(u).text, items))'),
    source: 'request.args',
  },
  // ---- functools.partial
  {
    name: 'functools.partial(subprocess.call, shell=True) called with a request value',
    rule: 'KR102',
    vuln: `import functools\n${view('run = functools.partial(subprocess.call, shell=True)\nrun("ping -c 1 " + request.args["h"])\nreturn "ok"')}`,
    safe: `import functools\n${view('run = functools.partial(subprocess.call, shell=True)\nrun("ping -c 1 " + shlex.quote(request.args["h"]))\nreturn "ok"')}`,
    source: 'request.args',
  },
  {
    name: 'functools.partial without a shell: the request value is an argument, not the program',
    rule: 'KR102',
    vuln: `from functools import partial\n${view('run = partial(subprocess.run, shell=True, check=True)\nrun(request.args["cmd"])\nreturn "ok"')}`,
    safe: `from functools import partial\n${view('run = partial(subprocess.run, check=True)\nrun(["ping", "-c", "1", request.args["h"]])\nreturn "ok"')}`,
    source: 'request.args',
  },
  // ---- an instance made with untrusted arguments: its constructor's fields reach its methods
  {
    name: 'a constructor of a class of this module that runs its argument',
    rule: 'KR102',
    vuln: `${H}class Runner:\n    def __init__(self, cmd):\n        subprocess.call(cmd, shell=True)\n\n@app.route("/x")\ndef x():\n    Runner(request.args["c"])\n    return "ok"\n`,
    safe: `${H}class Runner:\n    def __init__(self, cmd):\n        subprocess.call(cmd, shell=True)\n\n@app.route("/x")\ndef x():\n    Runner("ping -c 1 " + shlex.quote(request.args["c"]))\n    return "ok"\n`,
    source: 'request.args',
  },
  {
    name: 'Job(request value).run(): the constructor stores the value in a field the method runs',
    rule: 'KR102',
    vuln: `${JOB}\n@app.route("/x")\ndef x():\n    Job(request.args["h"]).run()\n    return "ok"\n`,
    safe: `${JOB}\n@app.route("/x")\ndef x():\n    Job(shlex.quote(request.args["h"])).run()\n    return "ok"\n`,
    source: 'request.args',
  },
  {
    name: 'j = Job(value); j.run(): a keyword argument, and a field the constructor does not take from it',
    rule: 'KR102',
    vuln: `${JOB}\n@app.route("/x")\ndef x():\n    j = Job(host=request.args["h"])\n    j.run()\n    return "ok"\n`,
    safe: `${JOB.replace('self.host = host', 'self.host = "localhost"\n        self.label = host')}\n@app.route("/x")\ndef x():\n    j = Job(host=request.args["h"])\n    j.run()\n    return "ok"\n`,
    source: 'request.args',
  },
];

describe('closures and lambdas', () => {
  runPairs(pairs);
});

describe('closures: bounded work on hostile input', () => {
  it('many calls of nested closures that call closures cost a bounded number of statements, and a flow is still found', () => {
    // Two levels of closures, each calling the next n times: without a bound, the context
    // analyses multiply (n^2 bodies); the statements executed must grow about linearly in n
    // (counted, not timed).
    const work = (n: number) => {
      const calls = (name: string, pad: string) => Array.from({ length: n }, () => `${pad}${name}()\n`).join('');
      let code = `${H}@app.route("/x")\ndef x():\n    cmd = request.args["c"]\n`;
      code += `    def c2():\n        subprocess.call(cmd, shell=True)\n`;
      code += `    def c1():\n${calls('c2', '        ')}`;
      code += calls('c1', '    ');
      code += '    return "ok"\n';
      return stepsWithOneFlow(code, 'KR102');
    };
    const small = work(100);
    const big = work(200);
    expect(big).toBeLessThan(20_000);
    expect(big / small).toBeLessThan(2.5);
  });
});
