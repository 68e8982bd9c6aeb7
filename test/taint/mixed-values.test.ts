/**
 * A value built from untrusted data and a parameter of the function: the untrusted part
 * makes a flow only for the sink kinds it can still reach (a sanitiser on it holds), while
 * the parameter's part still reaches the sink for the function's callers (its summary).
 */
import { describe } from 'vitest';
import { runPairs, type Pair } from './models-helpers.js';

const H = 'import subprocess\nimport shlex\nfrom flask import Flask, request\napp = Flask(__name__)\n';
const route = (body: string): string => `${H}${body}\n@app.route("/x")\ndef x():\n    return str(run_it(1))\n`;

const pairs: Pair[] = [
  {
    name: 'a quoted request value joined with a parameter is not a command injection (the parameter is a constant at the call)',
    rule: 'KR102',
    vuln: route('def run_it(count):\n    host = request.args["h"]\n    return subprocess.call("ping -c %d %s" % (count, host), shell=True)'),
    safe: route('def run_it(count):\n    host = shlex.quote(request.args["h"])\n    return subprocess.call("ping -c %d %s" % (count, host), shell=True)'),
    source: 'request.args',
  },
  {
    name: 'the parameter\'s part still reaches the sink for a caller that passes request data',
    rule: 'KR102',
    vuln: `${H}def run_it(cmd):\n    host = shlex.quote(request.args["h"])\n    return subprocess.call(cmd + " " + host, shell=True)\n\n@app.route("/x")\ndef x():\n    return str(run_it(request.args["c"]))\n`,
    safe: `${H}def run_it(cmd):\n    host = shlex.quote(request.args["h"])\n    return subprocess.call(cmd + " " + host, shell=True)\n\n@app.route("/x")\ndef x():\n    return str(run_it("ping -c 1"))\n`,
    source: 'request.args',
  },
];

describe('values that mix untrusted data and parameters', () => {
  runPairs(pairs);
});
