import { defineRule } from '../../core/rule.js';
import { isStr } from '../../python/calls.js';
import { SHELL_OPTIONS } from './process-calls.js';

/** A full path: a drive letter, or starting with `/`, `\` or `.` (bandit's `full_path_match`). */
const FULL_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

/** B607: programs found through PATH. */
export const startProcessWithPartialPath = defineRule({
  id: 'B607',
  name: 'start-process-with-partial-path',
  category: 'injection',
  severity: 'low',
  confidence: 'high',
  cwe: [426],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags process starts whose program is a literal name without a path (`"git"`, `["ls", "-l"]`).',
    why: 'The program is looked up through `PATH`; whoever controls `PATH` or a directory early in it chooses what actually runs (untrusted search path, CWE-426).',
    example: 'subprocess.run(["git", "pull"])',
    instead: 'subprocess.run([shutil.which("git") or "/usr/bin/git", "pull"])  # or a configured absolute path',
    references: ['https://cwe.mitre.org/data/definitions/426.html', 'https://bandit.readthedocs.io/en/latest/plugins/b607_start_process_with_partial_path.html'],
  },
  visit: {
    Call(node, ctx) {
      if (node.args.length === 0) return;
      const q = ctx.callName(node);
      if (!q) return;
      if (!ctx.option<string[]>('subprocess').includes(q) && !ctx.option<string[]>('shell').includes(q) && !ctx.option<string[]>('no_shell').includes(q)) return;
      let first = node.args[0];
      if (first.type === 'List' && first.elts.length) first = first.elts[0]!;
      if (isStr(first) && !FULL_PATH.test(first.value)) {
        ctx.report(node, { message: 'Starting a process with a partial executable path', fix: 'Use the absolute path of the program (resolved once, e.g. with shutil.which at start-up).' });
      }
    },
  },
});
