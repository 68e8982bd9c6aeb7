/**
 * bandit's call blacklist (`bandit/blacklists/calls.py`, 1.9) as data: each entry is one
 * check ID, the fully qualified names it matches (fnmatch patterns, as bandit), the message
 * (`{name}` is the matched name) and the severity. Confidence is always high. Every ID has
 * its own rule file reading its entry here (B301 and B307 predate this table and keep
 * their own lists; B324 is a plugin in bandit). Retired IDs (B309, B320, B322, B325) are
 * left out on purpose.
 *
 * Differences from bandit, on purpose (see docs/bandit-compatibility.md):
 * - bandit reports at most one blacklist issue per node; krait's rules are independent,
 *   so a node can match several IDs (it never happens with this table's names).
 * - names resolve through krait's semantic model, which also follows `f = mod.func`
 *   single-assignment aliases and scopes; bandit only follows import aliases.
 */
import type * as A from '../../python/ast.js';
import type { Severity } from '../../core/finding.js';
import type { RuleContext } from '../../core/rule.js';
import { fnmatch } from '../../python/calls.js';

export interface CallBlacklistEntry {
  /** bandit's check name (`md5`, `xml_bad_sax`…). */
  name: string;
  qualnames: readonly string[];
  message: string;
  severity: Severity;
}

const XML_MSG =
  'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called';

const WEAK_CIPHERS = ['ARC4', 'Blowfish', 'CAST5', 'IDEA', 'SEED', 'TripleDES'];

export const CALL_BLACKLIST: Readonly<Record<string, CallBlacklistEntry>> = {
  B302: { name: 'marshal', qualnames: ['marshal.load', 'marshal.loads'], message: 'Deserialization with the marshal module is possibly dangerous.', severity: 'medium' },
  B303: {
    name: 'md5',
    qualnames: [
      'Crypto.Hash.MD2.new', 'Crypto.Hash.MD4.new', 'Crypto.Hash.MD5.new', 'Crypto.Hash.SHA.new',
      'Cryptodome.Hash.MD2.new', 'Cryptodome.Hash.MD4.new', 'Cryptodome.Hash.MD5.new', 'Cryptodome.Hash.SHA.new',
      'cryptography.hazmat.primitives.hashes.MD5', 'cryptography.hazmat.primitives.hashes.SHA1',
    ],
    message: 'Use of insecure MD2, MD4, MD5, or SHA1 hash function.',
    severity: 'medium',
  },
  B304: {
    name: 'ciphers',
    qualnames: [
      'Crypto.Cipher.ARC2.new', 'Crypto.Cipher.ARC4.new', 'Crypto.Cipher.Blowfish.new', 'Crypto.Cipher.DES.new', 'Crypto.Cipher.XOR.new',
      'Cryptodome.Cipher.ARC2.new', 'Cryptodome.Cipher.ARC4.new', 'Cryptodome.Cipher.Blowfish.new', 'Cryptodome.Cipher.DES.new', 'Cryptodome.Cipher.XOR.new',
      ...WEAK_CIPHERS.map((c) => `cryptography.hazmat.primitives.ciphers.algorithms.${c}`),
      ...WEAK_CIPHERS.map((c) => `cryptography.hazmat.decrepit.ciphers.algorithms.${c}`),
    ],
    message: 'Use of insecure cipher {name}. Replace with a known secure cipher such as AES.',
    severity: 'high',
  },
  B305: { name: 'cipher_modes', qualnames: ['cryptography.hazmat.primitives.ciphers.modes.ECB'], message: 'Use of insecure cipher mode {name}.', severity: 'medium' },
  B306: { name: 'mktemp_q', qualnames: ['tempfile.mktemp'], message: 'Use of insecure and deprecated function (mktemp).', severity: 'medium' },
  B308: {
    name: 'mark_safe',
    qualnames: ['django.utils.safestring.mark_safe'],
    message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.',
    severity: 'medium',
  },
  B310: {
    name: 'urllib_urlopen',
    qualnames: [
      'urllib.urlopen', 'urllib.request.urlopen', 'urllib.urlretrieve', 'urllib.request.urlretrieve', 'urllib.URLopener',
      'urllib.request.URLopener', 'urllib.FancyURLopener', 'urllib.request.FancyURLopener', 'urllib2.urlopen', 'urllib2.Request',
      'six.moves.urllib.request.urlopen', 'six.moves.urllib.request.urlretrieve', 'six.moves.urllib.request.URLopener',
      'six.moves.urllib.request.FancyURLopener',
    ],
    message: 'Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.',
    severity: 'medium',
  },
  B311: {
    name: 'random',
    qualnames: ['random.Random', 'random.random', 'random.randrange', 'random.randint', 'random.choice', 'random.choices', 'random.uniform', 'random.triangular'],
    message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.',
    severity: 'low',
  },
  B312: {
    name: 'telnetlib',
    qualnames: ['telnetlib.*'],
    message: 'Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.',
    severity: 'high',
  },
  B313: {
    name: 'xml_bad_cElementTree',
    qualnames: ['xml.etree.cElementTree.parse', 'xml.etree.cElementTree.iterparse', 'xml.etree.cElementTree.fromstring', 'xml.etree.cElementTree.XMLParser'],
    message: XML_MSG,
    severity: 'medium',
  },
  B314: {
    name: 'xml_bad_ElementTree',
    qualnames: ['xml.etree.ElementTree.parse', 'xml.etree.ElementTree.iterparse', 'xml.etree.ElementTree.fromstring', 'xml.etree.ElementTree.XMLParser'],
    message: XML_MSG,
    severity: 'medium',
  },
  B315: { name: 'xml_bad_expatreader', qualnames: ['xml.sax.expatreader.create_parser'], message: XML_MSG, severity: 'medium' },
  B316: { name: 'xml_bad_expatbuilder', qualnames: ['xml.dom.expatbuilder.parse', 'xml.dom.expatbuilder.parseString'], message: XML_MSG, severity: 'medium' },
  B317: { name: 'xml_bad_sax', qualnames: ['xml.sax.parse', 'xml.sax.parseString', 'xml.sax.make_parser'], message: XML_MSG, severity: 'medium' },
  B318: { name: 'xml_bad_minidom', qualnames: ['xml.dom.minidom.parse', 'xml.dom.minidom.parseString'], message: XML_MSG, severity: 'medium' },
  B319: { name: 'xml_bad_pulldom', qualnames: ['xml.dom.pulldom.parse', 'xml.dom.pulldom.parseString'], message: XML_MSG, severity: 'medium' },
  B321: {
    name: 'ftplib',
    qualnames: ['ftplib.*'],
    message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.',
    severity: 'high',
  },
  B323: {
    name: 'unverified_context',
    qualnames: ['ssl._create_unverified_context'],
    message:
      'By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. However, it still allows using an insecure context via the _create_unverified_context that  reverts to the previous behavior that does not validate certificates or perform hostname checks.',
    severity: 'medium',
  },
};

/** Per check: its exact names in a set, and the few wildcard patterns (`ftplib.*`) apart. */
const MATCHERS = new Map<string, { exact: Set<string>; patterns: string[] }>();

/** The blacklisted name a call matches for check `id`, or undefined. */
export function matchCallBlacklist(id: string, call: A.Call, ctx: RuleContext): string | undefined {
  let m = MATCHERS.get(id);
  if (!m) {
    const entry = CALL_BLACKLIST[id];
    if (!entry) throw new Error(`no call blacklist entry ${id}`);
    const wild = (p: string) => p.includes('*') || p.includes('?');
    m = { exact: new Set(entry.qualnames.filter((p) => !wild(p))), patterns: entry.qualnames.filter(wild) };
    MATCHERS.set(id, m);
  }
  const q = ctx.callName(call);
  if (!q) return undefined;
  return m.exact.has(q) || m.patterns.some((p) => fnmatch(q, p)) ? q : undefined;
}

/** A `Call` visitor reporting check `id` of the call blacklist, with bandit's message. */
export function callBlacklistVisitor(id: string, fix: string): (node: A.Call, ctx: RuleContext) => void {
  const entry = CALL_BLACKLIST[id];
  if (!entry) throw new Error(`no call blacklist entry ${id}`);
  return (node, ctx) => {
    const name = matchCallBlacklist(id, node, ctx);
    if (name) ctx.report(node, { message: entry.message.replaceAll('{name}', name), severity: entry.severity, fix });
  };
}
