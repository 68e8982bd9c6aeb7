/**
 * KR606 clipboard-hijack: code that reads the clipboard and writes it back — the
 * "clipper" that swaps a copied cryptocurrency address for the attacker's — or reads it
 * silently when the package is installed or imported.
 */
import { defineRule, fileState } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { PROCESS_CALL, constantText, factsFor, phaseWord } from './facts.js';
import type { SemanticModel } from '../../python/semantic.js';

const READ = /^(?:pyperclip\.paste|clipboard\.paste|win32clipboard\.GetClipboardData|pandas\.read_clipboard|xerox\.paste|klembord\.get\w*|pyclip\.paste)$/;
const WRITE = /^(?:pyperclip\.copy|clipboard\.copy|win32clipboard\.SetClipboard(?:Text|Data)|xerox\.copy|klembord\.set\w*|pyclip\.copy)$/;
const READ_CMD = /^(?:pbpaste|xclip\b.*-o|xsel\b.*-o|wl-paste|powershell.*Get-Clipboard)/;
const WRITE_CMD = /^(?:pbcopy|xclip\b(?!.*-o)|xsel\b.*-i|wl-copy|clip(?:\.exe)?$|powershell.*Set-Clipboard)/;
/** Wallet addresses (Bitcoin legacy/bech32, Ethereum, Monero, Litecoin, Tron, Solana-ish) and regexes for them. */
const WALLET = /^(?:(?:bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}|0x[a-fA-F0-9]{40}|4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}|[LM][a-km-zA-HJ-NP-Z1-9]{26,33}|T[A-Za-z1-9]{33})$|\{25,3[49]\}|0x\[a-fA-F0-9\]\{40\}|\^\(?bc1|\[13\]\[a-km/;

/**
 * Per file: the clipboard calls in walk order, with their kind, and the short string
 * constants (tested for a wallet address only in a file that touches the clipboard).
 */
const collected = fileState(() => ({ calls: [] as { node: A.Call; kind: 'read' | 'write' }[], strings: [] as string[] }));

/** Whether a call reads or writes the clipboard (a clipboard library, tkinter, or a clipboard command). */
function clipKind(n: A.Call, semantic: SemanticModel): 'read' | 'write' | null {
  const q = semantic.qualifiedName(n.func) ?? '';
  const attr = n.func.type === 'Attribute' ? n.func.attr : '';
  if (READ.test(q) || attr === 'clipboard_get') return 'read';
  if (WRITE.test(q) || attr === 'clipboard_append') return 'write';
  if (PROCESS_CALL.test(q)) {
    const text = constantText(n).trim();
    if (READ_CMD.test(text)) return 'read';
    if (WRITE_CMD.test(text)) return 'write';
  }
  return null;
}

export const clipboardHijack = defineRule({
  id: 'KR606',
  name: 'clipboard-hijack',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  cwe: [507],
  docs: {
    what:
      'Flags clipboard writes (`pyperclip.copy`, `clipboard_append`, `win32clipboard.SetClipboardData`, `pbcopy`/`xclip`) in a file that also reads the clipboard: high when the file holds a cryptocurrency address or an address regex (critical at install or import time), medium otherwise; and clipboard reads at install or import time (medium).',
    why:
      'Clippers watch the clipboard and replace a copied wallet address with the attacker\'s, so the victim pays the attacker; others just steal what was copied (passwords, keys). A library has no reason to read and rewrite the clipboard behind the user\'s back — a Trojan horse (CWE-507).',
    example: 'import re, pyperclip\nwhile True:\n    if re.match(r"^0x[a-fA-F0-9]{40}$", pyperclip.paste()):\n        pyperclip.copy("0x00000000219ab540356cBB839Cbe05303d7705Fa")',
    instead: 'Touch the clipboard only on an explicit user action (a "copy" button) and never rewrite what the user copied.',
    references: ['https://cwe.mitre.org/data/definitions/507.html', 'https://attack.mitre.org/techniques/T1115/'],
  },
  visit: {
    Call(node, ctx) {
      const kind = clipKind(node, ctx.semantic);
      if (kind) collected(ctx).calls.push({ node, kind });
    },
    Constant(n, ctx) {
      if (n.kind === 'str' && typeof n.value === 'string' && n.value.length < 200) collected(ctx).strings.push(n.value);
    },
    'Module:exit'(_module, ctx) {
      const { calls, strings } = collected(ctx);
      if (!calls.length) return;
      const reads = calls.some((c) => c.kind === 'read');
      const writes = calls.some((c) => c.kind === 'write');
      const wallet = strings.some((v) => WALLET.test(v));
      for (const { node, kind } of calls) {
        const phase = factsFor(node, ctx.semantic, ctx.path).phaseOf(node);
        if (kind === 'write' && reads) {
          ctx.report(node, {
            severity: wallet ? (phase === 'runtime' ? 'high' : 'critical') : 'medium',
            message: `The clipboard is read and rewritten${wallet ? ' in a file that holds a cryptocurrency address or address pattern' : ''} ${phaseWord(phase)}.`,
            fix: 'Do not rewrite the clipboard.',
            properties: { indicator: 'clipboard', phase },
          });
        } else if (kind === 'read' && phase !== 'runtime' && !writes) {
          ctx.report(node, {
            severity: 'medium',
            message: `The clipboard is read ${phaseWord(phase)}.`,
            fix: 'Do not read the clipboard unless the user asks for it.',
            properties: { indicator: 'clipboard', phase },
          });
        }
      }
    },
  },
});
