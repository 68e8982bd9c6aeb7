/**
 * KR146: shell commands run from IPython / Jupyter code — `!cmd`, `!{var}`, `x = !cmd`,
 * `%system`, `%sx`, and `%%bash` / `%%sh` / `%%script` cells (reported by the notebook
 * analysis, `pipeline/notebook.ts`, from the cell source), and their Python spelling
 * `get_ipython().system(…)`, `.getoutput(…)`, `.run_line_magic('system', …)`,
 * `.run_cell_magic('bash', …)` (reported here, e.g. in notebooks exported to .py).
 */
import { defineRule } from '../../core/rule.js';

const SHELL_METHODS = new Set(['system', 'getoutput']);
const SHELL_MAGICS = new Set(['system', 'sx', 'bash', 'sh', 'script', 'perl', 'ruby']);

export const notebookShellCommand = defineRule({
  id: 'KR146',
  name: 'notebook-shell-command',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [78],
  docs: {
    what: 'Flags shell commands run from IPython/Jupyter code: `!cmd`, `!{var}`, `files = !ls`, `%system`, `%sx`, `%%bash`/`%%sh`/`%%script` cells, and `get_ipython().system(...)`/`getoutput(...)`/`run_line_magic("system", ...)`/`run_cell_magic("bash", ...)`.',
    why: 'Each runs a command through the shell, like `os.system`: a notebook that interpolates values into it (`!{var}`, `$var`) is open to command injection, and a shared or downloaded notebook that runs `!curl … | sh` when executed is a supply-chain risk that tools reading only Python never see (CWE-78).',
    example: "!pip install {package}\nfiles = !ls {folder}\n%%bash\ncurl https://example.com/setup.sh | sh",
    instead: "import subprocess\nsubprocess.run(['pip', 'install', package], check=True)  # a list of arguments, no shell",
    references: [
      'https://ipython.readthedocs.io/en/stable/interactive/reference.html#system-shell-access',
      'https://ipython.readthedocs.io/en/stable/interactive/magics.html#cellmagic-script',
      'https://cwe.mitre.org/data/definitions/78.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const f = node.func;
      if (f.type !== 'Attribute') return;
      const owner = f.value;
      if (owner.type !== 'Call' || owner.func.type !== 'Name' || owner.func.id !== 'get_ipython') return;
      let what: string | undefined;
      if (SHELL_METHODS.has(f.attr)) what = `get_ipython().${f.attr}()`;
      else if (f.attr === 'run_line_magic' || f.attr === 'run_cell_magic') {
        const name = node.args[0] ? ctx.constValue(node.args[0]) : undefined;
        if (typeof name === 'string' && SHELL_MAGICS.has(name)) what = `${f.attr}('${name}')`;
      }
      if (!what) return;
      ctx.report(node, { message: `IPython runs a shell command here (${what}).` });
    },
  },
});
