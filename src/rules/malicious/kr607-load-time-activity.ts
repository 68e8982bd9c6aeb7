/**
 * KR607 load-time-activity: network access or process execution in code that runs when a
 * package is installed (setup.py, cmdclass overrides, build hooks) or imported (module top
 * level and the functions it calls).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { PROCESS_CALL, factsFor, importsNetwork, isFetchCall, isSendCall, moduleOf, phaseWord } from './facts.js';

const seen = new WeakMap<A.Module, Set<string>>();

export const loadTimeActivity = defineRule({
  id: 'KR607',
  name: 'load-time-activity',
  category: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [912],
  docs: {
    what:
      'Flags, once per file and kind, network access (medium) and process execution (low) in code that runs at install time — `setup.py` with its `cmdclass` overrides, and PEP 517 build hooks — or at import time (a module\'s top level and the functions it calls). It is an indicator, not a verdict: the other malicious-package rules (KR601–KR606) say what the code does with it.',
    why:
      'Installing or importing a package should not talk to the network or start programs: `pip install` runs `setup.py` with the user\'s rights, often in CI next to publishing tokens, and malicious packages use exactly this moment (CWE-912, hidden functionality). Honest builds do run compilers and `pkg-config`, so process execution alone is only low.',
    example: '# setup.py\nimport requests\nrequests.get("https://example.net/ping?pkg=mypkg")\nsetup(name="mypkg")',
    instead: 'Keep setup.py declarative (or use pyproject.toml), ship everything in the package, and do network work only when the user calls your code.',
    references: ['https://cwe.mitre.org/data/definitions/912.html', 'https://github.com/DataDog/guarddog#heuristics', 'https://peps.python.org/pep-0517/'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      const network = isFetchCall(node, ctx.semantic) || isSendCall(node, ctx.semantic, { hasNetwork: importsNetwork(ctx.semantic) });
      const process = !network && PROCESS_CALL.test(q);
      if (!network && !process) return;
      const facts = factsFor(node, ctx.semantic, ctx.path);
      const phase = facts.phaseOf(node);
      if (phase === 'runtime') return;
      // Import time counts only for a package's modules, not for scripts (a script's top level runs when the user runs it).
      if (phase === 'import' && !facts.isPackageInit && !ctx.semantic.packageName) return;
      const key = `${network ? 'network' : 'process'}:${phase}`;
      const mod = moduleOf(node);
      const done = seen.get(mod) ?? new Set<string>();
      seen.set(mod, done);
      if (done.has(key)) return;
      done.add(key);
      ctx.report(node, {
        severity: network ? 'medium' : 'low',
        message: `${network ? 'Network access' : 'A process is started'} ${phaseWord(phase)} (${q || 'call'}).`,
        fix: network ? 'Do not access the network at install or import time.' : 'Avoid running programs at install or import time; if a build needs them, use a build backend that declares them.',
        properties: { indicator: network ? 'load-time-network' : 'load-time-process', phase },
      });
    },
  },
});
