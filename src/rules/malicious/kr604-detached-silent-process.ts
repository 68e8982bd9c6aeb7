/**
 * KR604 detached-silent-process: a process started so that it outlives the installer and
 * shows nothing — `DEVNULL` output with `start_new_session=True`/`setsid`/Windows
 * `DETACHED_PROCESS`, `os.fork()` + `os.setsid()`, `nohup … &`, `pythonw`.
 */
import { defineRule } from '../../core/rule.js';
import { walk } from '../../python/visit.js';
import { keywordArg } from '../../python/calls.js';
import { PROCESS_CALL, constantText, exprWords, factsFor, phaseWord, scopeNode } from './facts.js';

const DETACH_FLAGS = /DETACHED_PROCESS|CREATE_NO_WINDOW|CREATE_NEW_PROCESS_GROUP|CREATE_BREAKAWAY_FROM_JOB/;

export const detachedSilentProcess = defineRule({
  id: 'KR604',
  name: 'detached-silent-process',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  cwe: [912],
  docs: {
    what:
      'Flags processes started to run hidden and detached: `subprocess.Popen(…, stdout=DEVNULL, stderr=DEVNULL, start_new_session=True)` (or `preexec_fn=os.setsid`, `creationflags=DETACHED_PROCESS|CREATE_NO_WINDOW`), `os.fork()` followed by `os.setsid()`, commands with `nohup`, a trailing `&` or `start /b`, and `pythonw`. High at install or import time; low when called (services and daemons do this honestly).',
    why:
      'An installer has no reason to leave a silent background process behind. Malicious packages start their payload this way so that `pip install` returns normally while a miner, a stealer or a backdoor keeps running unseen (CWE-912, hidden functionality).',
    example: 'import subprocess, sys\nsubprocess.Popen([sys.executable, "-c", PAYLOAD], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)',
    instead: 'Do work at install time in the foreground with visible output, or not at all; start services only when the user runs your program.',
    references: ['https://cwe.mitre.org/data/definitions/912.html', 'https://github.com/DataDog/guarddog#heuristics'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      let why: string | undefined;
      if (PROCESS_CALL.test(q)) {
        const silent = ['stdout', 'stderr'].some((n) => {
          const k = keywordArg(node, n);
          return k && /DEVNULL|devnull/.test(exprWords(k.value));
        });
        const session = keywordArg(node, 'start_new_session');
        const preexec = keywordArg(node, 'preexec_fn');
        const flags = keywordArg(node, 'creationflags');
        const windowsDetached = !!flags && DETACH_FLAGS.test(exprWords(flags.value));
        const detached = (!!session && ctx.constValue(session.value) === true) || (!!preexec && /setsid|setpgrp/.test(exprWords(preexec.value))) || windowsDetached;
        const text = constantText(node);
        if (silent && detached) why = 'with its output discarded and in a new session';
        else if (/(?:^|\s|\/)nohup\s|\s&\s*$|(?:^|\s)start\s+\/b\s|(?:^|[\\/\s])pythonw(?:\.exe)?\b/i.test(text)) why = 'in the background (nohup, &, start /b or pythonw)';
        else if (windowsDetached) why = 'detached and without a window';
        else if (/^os\.spawn/.test(q) && node.args[0] && /P_DETACH/.test(exprWords(node.args[0]))) why = 'detached (P_DETACH)';
      } else if (q === 'os.fork') {
        // fork + setsid in the same function: a daemon.
        let setsid = false;
        walk(scopeNode(node), (n) => {
          if (n.type === 'Call' && /^os\.(?:setsid|setpgrp)$/.test(ctx.callName(n) ?? '')) setsid = true;
          return !setsid;
        });
        if (setsid) why = 'by fork() and setsid() (a daemon)';
      }
      if (!why) return;
      const facts = factsFor(node, ctx.semantic, ctx.path);
      const phase = facts.phaseOf(node);
      ctx.report(node, {
        severity: phase === 'runtime' ? 'low' : 'high',
        message: `A process is started ${why} ${phaseWord(phase)}.`,
        fix: 'Do not leave background processes behind at install or import time.',
        properties: { indicator: 'detached-process', phase },
      });
    },
  },
});
