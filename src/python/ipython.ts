/**
 * IPython source as Python: the lines of a notebook code cell turned into plain Python of
 * the same number of lines, and the shell commands the cell runs. IPython's own input
 * transformations (IPython.core.inputtransformer2) decide what is special; this follows
 * them line by line:
 *
 * - `!cmd`, `!{var}`, `x = !cmd`, `%system cmd`, `%sx cmd`, `x = %sx cmd` run a shell
 *   command (`get_ipython().system(…)` / `getoutput(…)`);
 * - a cell starting with `%%bash`, `%%sh`, `%%script …`, `%%perl`, `%%ruby`, `%%python…`,
 *   `%%system`, `%%sx` or `%%!` runs its body with another program;
 * - `%time stmt`, `%timeit stmt`, `%prun stmt` run `stmt` as Python (kept as code);
 * - every other `%magic`, `%%magic` header, and `obj?` / `?obj` help line is not Python
 *   and becomes `pass` (so no syntax-error noise); `%%time`, `%%timeit`, `%%capture`,
 *   `%%prun` and `%%debug` cells keep their Python body; the bodies of other cell magics
 *   (`%%html`, `%%javascript`, `%%writefile`…) are not Python and are blanked.
 */

/** A shell command a cell runs. `line` is 0-based within the cell. */
export interface ShellEscape {
  line: number;
  /** How it is written: `!`, `!{var}` (interpolates Python values), `%system`, `%sx`, `%%bash`… */
  form: string;
  /** The command text (for `%%` cells, the first line of the body). */
  command: string;
}

export interface IPythonCell {
  /** Python lines, as many as the cell has. */
  lines: string[];
  shell: ShellEscape[];
}

const SHELL_CELL = new Set(['bash', 'sh', 'script', 'perl', 'ruby', 'python', 'python2', 'python3', 'pypy', 'system', 'sx', '!']);
const PYTHON_BODY_CELL = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);
const PYTHON_STMT_LINE = new Set(['time', 'timeit', 'prun']);

/**
 * Translate one code cell. Never throws; `lines` has the same length as the input.
 * @param cell the cell's lines, without line ends
 */
export function ipythonToPython(cell: readonly string[]): IPythonCell {
  const shell: ShellEscape[] = [];
  const first = cell.findIndex((l) => l.trim() !== '');
  const head = first >= 0 ? /^\s*%%(!|[\w-]+)\s*(.*)$/.exec(cell[first]) : null;
  if (head) {
    const name = head[1];
    const lines = cell.map(() => '');
    if (SHELL_CELL.has(name)) {
      const body = cell.slice(first + 1).find((l) => l.trim() !== '') ?? '';
      shell.push({ line: first, form: `%%${name}${name === 'script' && head[2] ? ` ${head[2].split(/\s+/)[0]}` : ''}`, command: body.trim() });
      return { lines, shell };
    }
    if (PYTHON_BODY_CELL.has(name)) {
      const rest = ipythonToPython(cell.slice(first + 1));
      for (const s of rest.shell) shell.push({ ...s, line: s.line + first + 1 });
      return { lines: [...lines.slice(0, first + 1), ...rest.lines], shell };
    }
    return { lines, shell };
  }
  const lines = cell.map((line, i) => {
    const m = /^(\s*)(.*)$/.exec(line)!;
    const indent = m[1];
    const body = m[2];
    const assign = /^([\w.,\s()[\]]+?\s*=\s*)(!|%(?:sx|system)\b)(.*)$/.exec(body);
    if (assign) {
      shell.push({ line: i, form: assign[2] === '!' ? shellForm(assign[3]) : assign[2], command: assign[3].trim() });
      return `${indent}${assign[1]}None`;
    }
    if (body.startsWith('!')) {
      const cmd = body.slice(1).replace(/^!/, '');
      shell.push({ line: i, form: shellForm(cmd), command: cmd.trim() });
      return `${indent}pass`;
    }
    const magic = /^%(\w+)\s*(.*)$/.exec(body);
    if (magic) {
      const name = magic[1];
      if (name === 'system' || name === 'sx') {
        shell.push({ line: i, form: `%${name}`, command: magic[2].trim() });
        return `${indent}pass`;
      }
      if (PYTHON_STMT_LINE.has(name) && magic[2] && !magic[2].startsWith('-')) return `${indent}${magic[2]}`;
      return `${indent}pass`;
    }
    if (/^\?+[\w.]/.test(body) || /^[\w.]+\?+\s*$/.test(body)) return `${indent}pass`;
    return line;
  });
  return { lines, shell };
}

function shellForm(cmd: string): string {
  return /\{[^}]*\}|\$\w/.test(cmd) ? '!{var}' : '!';
}
