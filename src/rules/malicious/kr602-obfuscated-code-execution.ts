/**
 * KR602 obfuscated-code-execution: `exec`/`eval`/`compile` (or a shell) fed with data
 * that was decoded, decompressed or assembled at run time — base64, zlib/lzma/bz2,
 * marshal, codecs rot13, `bytes.fromhex`, `''.join(chr(…))`, reversed literals, Fernet.
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { PROCESS_CALL, byPhase, factsFor, isDecoded, phaseWord } from './facts.js';

const EXEC_LIKE = /^(?:exec|eval|compile|execfile|builtins\.(?:exec|eval|compile)|__builtins__\.(?:exec|eval)|types\.FunctionType|types\.CodeType|ctypes\.CDLL|runpy\.run_module)$/;

export const obfuscatedCodeExecution = defineRule({
  id: 'KR602',
  name: 'obfuscated-code-execution',
  category: 'code',
  severity: 'critical',
  confidence: 'high',
  cwe: [506],
  docs: {
    what:
      'Flags `exec`, `eval`, `compile`, `types.FunctionType` and process calls whose argument is decoded at run time: base64/base32/base85, zlib/gzip/bz2/lzma, marshal, `codecs.decode(…, "rot13")`, `bytes.fromhex`/`binascii.unhexlify`, `"".join(chr(c) for c in …)`, `chr(…)+chr(…)` chains, reversed literals (`"…"[::-1]`) and Fernet decryption — directly or through variables. Critical at install or import time, high otherwise.',
    why:
      'Code that hides what it runs has something to hide: malicious packages wrap their payload in layers of encoding so that reviewers, `grep` and pattern scanners see only a blob (CWE-506, embedded malicious code). Honest code uses base64 and zlib for data, not for programs it then executes.',
    example: 'import base64\nexec(base64.b64decode("aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk="))',
    instead: 'Ship readable source. To read data, decode it and parse it as data (json.loads, ast.literal_eval), never execute it.',
    references: [
      'https://cwe.mitre.org/data/definitions/506.html',
      'https://github.com/DataDog/guarddog#heuristics',
      'https://checkmarx.com/blog/the-evolution-of-malicious-python-packages/',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      const execLike = EXEC_LIKE.test(q) || (node.func.type === 'Call' && /^(?:getattr)$/.test(ctx.callName(node.func) ?? '') && /exec|eval/.test(String(node.func.args[1] ? ctx.constValue(node.func.args[1]) : '')));
      const process = !execLike && PROCESS_CALL.test(q);
      if (!execLike && !process) return;
      const facts = factsFor(node, ctx.semantic, ctx.path);
      const args: A.Expr[] = process ? [...node.args, ...node.keywords.filter((k) => k.arg === 'args').map((k) => k.value)] : node.args.slice(0, 1);
      if (!args.some((a) => isDecoded(a, ctx.semantic, facts))) return;
      const phase = facts.phaseOf(node);
      ctx.report(node, {
        severity: byPhase(phase, 'critical' as const, 'high' as const),
        message: process
          ? `A command decoded at run time is executed ${phaseWord(phase)}.`
          : `Decoded or obfuscated data is executed as code (${q || 'exec'}) ${phaseWord(phase)}.`,
        fix: 'Remove the hidden payload; ship readable source and decode data only as data.',
        properties: { indicator: 'obfuscated-exec', phase },
      });
    },
  },
});
