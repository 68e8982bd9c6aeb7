/**
 * bandit's import blacklist (`bandit/blacklists/imports.py`, 1.9) as data. Each ID has its
 * own rule file reading its entry here. Retired IDs (B410 lxml, B414 pycryptodome) are
 * left out on purpose.
 *
 * bandit's matching, reproduced:
 * - `import a.b` tests 'a.b'; `from a import b` tests 'a.b'; the test is a string prefix
 *   (`(prefix + name).startswith(qualname)`), so `import pickletools` matches 'pickle'
 *   and `import subprocess32` matches 'subprocess'.
 * - calls to `__import__('x')`, `importlib.import_module('x')` and `importlib.__import__('x')`
 *   with a literal module name are tested too (exact match, as bandit's fnmatch).
 * - the finding is on the import statement's first line; the message names the imported
 *   name as written (`from xml.etree import ElementTree` → 'ElementTree').
 *
 * Difference, on purpose: bandit reports at most one blacklist issue per statement (the
 * first matching check), so `import pickle, subprocess` gives only B403; krait's rules are
 * independent and report B403 and B404 (see docs/bandit-compatibility.md).
 */
import type * as A from '../../python/ast.js';
import type { Severity } from '../../core/finding.js';
import type { RuleContext, Visitor } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';

export interface ImportBlacklistEntry {
  name: string;
  qualnames: readonly string[];
  message: string;
  severity: Severity;
}

const XML_MSG =
  'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.';
const CONSIDER = 'Consider possible security implications associated with the {name} module.';

export const IMPORT_BLACKLIST: Readonly<Record<string, ImportBlacklistEntry>> = {
  B401: {
    name: 'import_telnetlib',
    qualnames: ['telnetlib'],
    message: 'A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.',
    severity: 'high',
  },
  B402: {
    name: 'import_ftplib',
    qualnames: ['ftplib'],
    message: 'A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.',
    severity: 'high',
  },
  B403: { name: 'import_pickle', qualnames: ['pickle', 'cPickle', 'dill', 'shelve'], message: CONSIDER, severity: 'low' },
  B404: { name: 'import_subprocess', qualnames: ['subprocess'], message: CONSIDER, severity: 'low' },
  B405: { name: 'import_xml_etree', qualnames: ['xml.etree.cElementTree', 'xml.etree.ElementTree'], message: XML_MSG, severity: 'low' },
  B406: { name: 'import_xml_sax', qualnames: ['xml.sax'], message: XML_MSG, severity: 'low' },
  B407: { name: 'import_xml_expat', qualnames: ['xml.dom.expatbuilder'], message: XML_MSG, severity: 'low' },
  B408: { name: 'import_xml_minidom', qualnames: ['xml.dom.minidom'], message: XML_MSG, severity: 'low' },
  B409: { name: 'import_xml_pulldom', qualnames: ['xml.dom.pulldom'], message: XML_MSG, severity: 'low' },
  B411: {
    name: 'import_xmlrpclib',
    qualnames: ['xmlrpc'],
    message:
      'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.',
    severity: 'high',
  },
  B412: {
    name: 'import_httpoxy',
    qualnames: ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'],
    message: CONSIDER,
    severity: 'high',
  },
  B413: {
    name: 'import_pycrypto',
    qualnames: ['Crypto.Cipher', 'Crypto.Hash', 'Crypto.IO', 'Crypto.Protocol', 'Crypto.PublicKey', 'Crypto.Random', 'Crypto.Signature', 'Crypto.Util'],
    message: 'The pyCrypto library and its module {name} are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.',
    severity: 'high',
  },
  B415: {
    name: 'import_pyghmi',
    qualnames: ['pyghmi'],
    message: 'An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted protocol.',
    severity: 'high',
  },
};

const DYNAMIC_IMPORTS = new Set(['__import__', 'importlib.import_module', 'importlib.__import__']);

function entryOf(id: string): ImportBlacklistEntry {
  const e = IMPORT_BLACKLIST[id];
  if (!e) throw new Error(`no import blacklist entry ${id}`);
  return e;
}

/** The first imported name of an `Import`/`ImportFrom` statement that check `id` matches (bandit's prefix test). */
export function matchImportBlacklist(id: string, node: A.Import | A.ImportFrom): string | undefined {
  const entry = entryOf(id);
  const prefix = node.type === 'ImportFrom' && node.module !== null ? `${node.module}.` : '';
  for (const a of node.names) {
    const full = prefix + a.name;
    if (entry.qualnames.some((q) => full.startsWith(q))) return a.name;
  }
  return undefined;
}

/** The literal module a dynamic import call loads (`__import__('x')`, `importlib.import_module('x')`), if any. */
export function dynamicImportName(call: A.Call, ctx: RuleContext): string | undefined {
  const q = ctx.callName(call);
  if (!q || !DYNAMIC_IMPORTS.has(q)) return undefined;
  const arg = call.args[0] ?? keywordArg(call, 'name')?.value;
  if (!arg) return undefined;
  const v = ctx.constValue(arg);
  return typeof v === 'string' ? v : undefined;
}

/** Visitors reporting check `id` of the import blacklist on imports and dynamic-import calls. */
export function importBlacklistVisitor(id: string, fix: string): Visitor {
  const entry = entryOf(id);
  const report = (node: A.AnyNode, ctx: RuleContext, name: string) =>
    ctx.report(node, { message: entry.message.replaceAll('{name}', name), severity: entry.severity, fix });
  return {
    Import(node, ctx) {
      const name = matchImportBlacklist(id, node);
      if (name) report(node, ctx, name);
    },
    ImportFrom(node, ctx) {
      const name = matchImportBlacklist(id, node);
      if (name) report(node, ctx, name);
    },
    Call(node, ctx) {
      const name = dynamicImportName(node, ctx);
      if (name && entry.qualnames.includes(name)) report(node, ctx, name);
    },
  };
}
