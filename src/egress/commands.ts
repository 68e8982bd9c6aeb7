/**
 * Subprocesses that run network tools: `subprocess.run(["curl", url])`,
 * `os.system("wget -q http://x | sh")`, `sh.scp(...)`. Only literal program names are read
 * (a computed program is the injection rules' concern, not evidence of egress).
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';

/** Functions that run a command, and which argument holds it. `shell`: the argument is a shell string. */
const RUNNERS: ReadonlyMap<string, { arg: number; shell: boolean }> = new Map([
  ...['run', 'call', 'check_call', 'check_output', 'Popen'].map((f) => [`subprocess.${f}`, { arg: 0, shell: false }] as const),
  ...['getoutput', 'getstatusoutput'].map((f) => [`subprocess.${f}`, { arg: 0, shell: true }] as const),
  ['os.system', { arg: 0, shell: true }],
  ['os.popen', { arg: 0, shell: true }],
  ['commands.getoutput', { arg: 0, shell: true }],
  ['commands.getstatusoutput', { arg: 0, shell: true }],
  ['popen2.popen2', { arg: 0, shell: true }],
  ['popen2.popen3', { arg: 0, shell: true }],
  ['asyncio.create_subprocess_shell', { arg: 0, shell: true }],
  ['asyncio.create_subprocess_exec', { arg: -1, shell: false }],
  ['pty.spawn', { arg: 0, shell: false }],
  ['pexpect.spawn', { arg: 0, shell: true }],
  ['pexpect.run', { arg: 0, shell: true }],
  ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'posix_spawn', 'posix_spawnp'].map((f) => [`os.${f}`, { arg: 0, shell: false }] as const),
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((f) => [`os.${f}`, { arg: 1, shell: false }] as const),
]);

/** True when a qualified call name runs a command (`subprocess.run`, `os.system`, `sh.curl`…). */
export function isCommandRunner(q: string): boolean {
  return runnerOf(q) !== undefined;
}

/** Programs whose job is to send or fetch over the network. */
const NETWORK_TOOLS = new Set([
  'curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'ssh', 'scp', 'sftp', 'rsync', 'ftp', 'lftp', 'tftp', 'telnet', 'sendmail', 'mail', 'mailx',
  'mutt', 'ping', 'ping6', 'nslookup', 'dig', 'host', 'nmap', 'traceroute', 'aws', 'gsutil', 'gcloud', 'az', 'twine', 'http', 'https', 'xh',
  'smbclient', 'ldapsearch', 'ldapmodify', 'snmpget', 'snmpwalk', 'aria2c', 'axel', 'rclone', 'azcopy', 'ncftp', 'whois', 'openssl', 'git',
]);

/** `git` subcommands that talk to a remote; `openssl` ones that open a connection. */
const GIT_NETWORK = new Set(['clone', 'fetch', 'pull', 'push', 'ls-remote', 'submodule', 'remote']);
const OPENSSL_NETWORK = new Set(['s_client', 'ocsp']);
/** Words that run the next word as the program. */
const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'exec', 'command', 'time', 'nice', 'doas', 'stdbuf', 'busybox', 'torsocks', 'proxychains', 'proxychains4']);

/** The runner a qualified call name is, if any (`sh.curl` counts as running `curl`). */
function runnerOf(q: string): { arg: number; shell: boolean } | 'sh' | undefined {
  const r = RUNNERS.get(q);
  if (r) return r;
  if (q.startsWith('sh.') && q.split('.').length === 2) return 'sh';
  return undefined;
}

function basename(p: string): string {
  const b = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1).toLowerCase();
  return b.endsWith('.exe') ? b.slice(0, -4) : b;
}

/** The network command in an argv, as a short display string, or undefined. */
export function networkCommand(argv: readonly string[]): string | undefined {
  let i = 0;
  while (i < argv.length && (WRAPPERS.has(basename(argv[i])) || /^\w+=/.test(argv[i]) || (i > 0 && argv[i].startsWith('-') && WRAPPERS.has(basename(argv[i - 1]))))) i++;
  const prog = argv[i];
  if (prog === undefined) return undefined;
  const tool = basename(prog);
  if (!NETWORK_TOOLS.has(tool)) return undefined;
  const rest = argv.slice(i + 1);
  if (tool === 'git' && !rest.some((a) => GIT_NETWORK.has(a))) return undefined;
  if (tool === 'openssl' && !OPENSSL_NETWORK.has(rest[0] ?? '')) return undefined;
  if ((tool === 'http' || tool === 'https' || tool === 'host' || tool === 'mail') && rest.length === 0) return undefined;
  const shown = [tool, ...rest.slice(0, 4).map((a) => (a.length > 60 ? `${a.slice(0, 59)}…` : a))].join(' ');
  return shown;
}

/** Split a shell command string into the argv of each simple command (`a | b; c && d`). */
export function shellCommands(cmd: string): string[][] {
  const out: string[][] = [];
  for (const seg of cmd.slice(0, 4000).split(/\|\|?|&&|;|\n|`|\$\(|\(|\)/)) {
    const argv = seg
      .trim()
      .split(/\s+/)
      .map((t) => t.replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
    if (argv.length) out.push(argv);
  }
  return out;
}

/** Fold a list/tuple literal (or a name bound once to one, or `shlex.split("…")`) to strings; non-literal items become ''. */
function argvOf(e: A.Expr, semantic: SemanticModel, depth = 0): string[] | undefined {
  if (depth > 3) return undefined;
  if (e.type === 'List' || e.type === 'Tuple') {
    return e.elts.map((x) => {
      const v = semantic.constValue(x);
      return typeof v === 'string' ? v : '';
    });
  }
  if (e.type === 'Name') {
    const b = semantic.lookup(e.id, e);
    if (b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== e) return argvOf(b.value, semantic, depth + 1);
    return undefined;
  }
  if (e.type === 'Call' && semantic.callName(e) === 'shlex.split' && e.args[0]) {
    const v = semantic.constValue(e.args[0]);
    return typeof v === 'string' ? shellCommands(v)[0] : undefined;
  }
  return undefined;
}

/**
 * The network commands a call runs, as display strings (`curl -s https://x`), or [] when
 * the call runs no subprocess or no literal network tool.
 */
export function subprocessNetworkCommands(call: A.Call, q: string, semantic: SemanticModel): string[] {
  const runner = runnerOf(q);
  if (!runner) return [];
  if (runner === 'sh') {
    const tool = q.slice(3);
    const args = call.args.map((a) => {
      const v = semantic.constValue(a);
      return typeof v === 'string' ? v : '';
    });
    const c = networkCommand([tool, ...args]);
    return c ? [c] : [];
  }
  let argExpr: A.Expr | undefined;
  let argv: string[] | undefined;
  if (runner.arg === -1) {
    argv = call.args.map((a) => {
      const v = semantic.constValue(a);
      return typeof v === 'string' ? v : '';
    });
  } else {
    argExpr = call.args[runner.arg] ?? call.keywords.find((k) => k.arg === 'args' || k.arg === 'cmd' || k.arg === 'command')?.value;
    if (!argExpr) return [];
  }
  const shellKw = call.keywords.find((k) => k.arg === 'shell');
  const shell = runner.shell || (shellKw !== undefined && semantic.constValue(shellKw.value) === true);
  if (argExpr) {
    const s = semantic.constValue(argExpr);
    if (typeof s === 'string') {
      const cmds = shell ? shellCommands(s) : [shellCommands(s)[0] ?? []];
      return cmds.flatMap((a) => networkCommand(a) ?? []);
    }
    argv = argvOf(argExpr, semantic);
    // os.execv(path, argv): the path decides the program.
    if (!argv && /^os\.(?:exec|posix_spawn|spawn)/.test(q)) return [];
  }
  if (!argv) return [];
  const c = networkCommand(argv);
  if (c) return [c];
  // A shell run through a list: ["sh", "-c", "curl …"].
  const sh = basename(argv[0] ?? '');
  if ((sh === 'sh' || sh === 'bash' || sh === 'zsh' || sh === 'dash' || sh === 'cmd' || sh === 'powershell' || sh === 'pwsh') && argv.length >= 3) {
    return shellCommands(argv[argv.length - 1]).flatMap((a) => networkCommand(a) ?? []);
  }
  return [];
}
