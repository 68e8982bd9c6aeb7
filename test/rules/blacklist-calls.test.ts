import { describe, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';

describe('bandit call blacklist (B302–B323)', () => {
  it('B302 marshal', () =>
    testRule('B302', {
      valid: ['import marshal\nmarshal.dumps(x)', 'loads(x)'],
      invalid: [
        { code: 'import marshal\nmarshal.loads(b)\nmarshal.load(f)', errors: [{ line: 2, column: 1, message: 'Deserialization with the marshal module is possibly dangerous.' }, { line: 3, column: 1, message: 'Deserialization with the marshal module is possibly dangerous.' }], severity: 'medium', confidence: 'high' },
        { code: 'from marshal import loads as l\nl(b)', lines: [2] },
      ],
    }));

  it('B303 md5/sha1 from PyCrypto(dome) and cryptography, not hashlib (B324)', () =>
    testRule('B303', {
      valid: ['import hashlib\nhashlib.md5(b)', 'from Crypto.Hash import SHA256\nSHA256.new(b)', 'from cryptography.hazmat.primitives import hashes\nhashes.SHA256()'],
      invalid: [
        { code: 'from Crypto.Hash import MD5\nMD5.new(b)', errors: [{ line: 2, column: 1, message: 'Use of insecure MD2, MD4, MD5, or SHA1 hash function.' }], severity: 'medium' },
        { code: 'from Cryptodome.Hash import SHA\nh = SHA.new(b)', lines: [2] },
        { code: 'from cryptography.hazmat.primitives import hashes\nhashes.SHA1()', lines: [2] },
      ],
    }));

  it('B304 weak ciphers, high severity, name in the message', () => {
    testRule('B304', {
      valid: ['from Crypto.Cipher import AES\nAES.new(k, AES.MODE_GCM)', 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.AES(k)'],
      invalid: [
        { code: 'from Crypto.Cipher import DES\nDES.new(k)', errors: [{ line: 2, column: 1, message: 'Use of insecure cipher Crypto.Cipher.DES.new. Replace with a known secure cipher such as AES.' }], severity: 'high' },
        { code: 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.TripleDES(k)\nalgorithms.ARC4(k)', lines: [2, 3] },
        { code: 'from cryptography.hazmat.decrepit.ciphers.algorithms import Blowfish\nBlowfish(k)', lines: [2] },
      ],
    });
  });

  it('B305 ECB mode', () =>
    testRule('B305', {
      valid: ['from cryptography.hazmat.primitives.ciphers import modes\nmodes.GCM(iv)'],
      invalid: [{ code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(k),\n           modes.ECB())', errors: [{ line: 3, column: 12, message: 'Use of insecure cipher mode cryptography.hazmat.primitives.ciphers.modes.ECB.' }] }],
    }));

  it('B306 tempfile.mktemp', () =>
    testRule('B306', {
      valid: ['import tempfile\ntempfile.mkstemp()', 'mktemp()'],
      invalid: [{ code: 'import tempfile\np = tempfile.mktemp()', errors: [{ line: 2, column: 5, message: 'Use of insecure and deprecated function (mktemp).' }] }, { code: 'from tempfile import mktemp\nmktemp(suffix=".x")', lines: [2] }],
    }));

  it('B308 django mark_safe (any argument)', () =>
    testRule('B308', {
      valid: ['mark_safe(x)  # not imported from django', 'from django.utils.html import format_html\nformat_html("{}", x)'],
      invalid: [{ code: 'from django.utils.safestring import mark_safe\nmark_safe("<b>ok</b>")\nmark_safe(x)', errors: [{ line: 2, column: 1, message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.' }, { line: 3, column: 1, message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.' }] }],
    }));

  it('B310 urlopen and friends', () =>
    testRule('B310', {
      valid: ['import urllib.parse\nurllib.parse.urlsplit(u)', 'import requests\nrequests.get(u, timeout=3)'],
      invalid: [
        { code: 'import urllib.request\nurllib.request.urlopen(u)', errors: [{ line: 2, column: 1, message: 'Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.' }] },
        { code: 'from urllib.request import urlretrieve, URLopener\nurlretrieve(u, f)\nURLopener()', lines: [2, 3] },
        { code: 'from six.moves.urllib.request import urlopen\nurlopen(u)', lines: [2] },
      ],
    }));

  it('B311 random is low severity', () =>
    testRule('B311', {
      valid: ['import secrets\nsecrets.choice(a)', 'import random\nrandom.shuffle(a)', 'import random\nrandom.SystemRandom().random()'],
      invalid: [
        { code: 'import random\nrandom.random()\nrandom.choice(a)\nrandom.Random(1)', errors: [{ line: 2, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }, { line: 3, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }, { line: 4, column: 1, message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.' }], severity: 'low', confidence: 'high' },
        { code: 'from random import randint as ri\nri(1, 6)', lines: [2] },
      ],
    }));

  it('B312 telnetlib.*', () =>
    testRule('B312', {
      valid: ['import telnetlib\nx = telnetlib', 'tn.write(b"x")'],
      invalid: [{ code: 'import telnetlib\ntn = telnetlib.Telnet(host)', errors: [{ line: 2, column: 6, message: 'Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.' }], severity: 'high' }],
    }));

  it('B313 cElementTree', () =>
    testRule('B313', {
      valid: ['import defusedxml.cElementTree as ET\nET.parse(f)'],
      invalid: [{ code: 'import xml.etree.cElementTree as ET\nET.parse(f)\nET.fromstring(s)', errors: [{ line: 2, column: 1, message: 'Using xml.etree.cElementTree.parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.cElementTree.parse with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 1, message: 'Using xml.etree.cElementTree.fromstring to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.cElementTree.fromstring with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B314 ElementTree, message names the function', () => {
    testRule('B314', {
      valid: ['import defusedxml.ElementTree as ET\nET.fromstring(s)', 'import xml.etree.ElementTree as ET\nET.tostring(e)'],
      invalid: [
        { code: 'import xml.etree.ElementTree as ET\nET.fromstring(s)', errors: [{ line: 2, column: 1, message: 'Using xml.etree.ElementTree.fromstring to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree.fromstring with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }], severity: 'medium' },
        { code: 'from xml.etree.ElementTree import XMLParser, iterparse\nXMLParser()\niterparse(f)', lines: [2, 3] },
      ],
    });
  });

  it('B315 expatreader', () =>
    testRule('B315', {
      valid: ['from defusedxml import expatreader\nexpatreader.create_parser()'],
      invalid: [{ code: 'import xml.sax.expatreader\nxml.sax.expatreader.create_parser()', errors: [{ line: 2, column: 1, message: 'Using xml.sax.expatreader.create_parser to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.expatreader.create_parser with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B316 expatbuilder', () =>
    testRule('B316', {
      valid: ['from defusedxml import expatbuilder\nexpatbuilder.parseString(s)'],
      invalid: [{ code: 'from xml.dom import expatbuilder\nexpatbuilder.parse(f)\nexpatbuilder.parseString(s)', errors: [{ line: 2, column: 1, message: 'Using xml.dom.expatbuilder.parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.expatbuilder.parse with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 1, message: 'Using xml.dom.expatbuilder.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.expatbuilder.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B317 sax', () =>
    testRule('B317', {
      valid: ['import defusedxml.sax\ndefusedxml.sax.parseString(s, h)', 'import xml.sax\nxml.sax.ContentHandler()'],
      invalid: [{ code: 'import xml.sax\nxml.sax.parseString(s, h)\np = xml.sax.make_parser()', errors: [{ line: 2, column: 1, message: 'Using xml.sax.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }, { line: 3, column: 5, message: 'Using xml.sax.make_parser to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.make_parser with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B318 minidom', () =>
    testRule('B318', {
      valid: ['from defusedxml import minidom\nminidom.parseString(s)', 'from xml.dom import minidom\nminidom.Document()'],
      invalid: [{ code: 'from xml.dom import minidom\ndoc = minidom.parseString(s)', errors: [{ line: 2, column: 7, message: 'Using xml.dom.minidom.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.minidom.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B319 pulldom', () =>
    testRule('B319', {
      valid: ['from defusedxml import pulldom\npulldom.parse(f)'],
      invalid: [{ code: 'import xml.dom.pulldom\nxml.dom.pulldom.parseString(s)', errors: [{ line: 2, column: 1, message: 'Using xml.dom.pulldom.parseString to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.pulldom.parseString with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called' }] }],
    }));

  it('B321 ftplib.*', () =>
    testRule('B321', {
      valid: ['ftp.login(u, p)'],
      invalid: [{ code: 'import ftplib\nftp = ftplib.FTP(host)\nftplib.FTP_TLS(host)', errors: [{ line: 2, column: 7, message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }, { line: 3, column: 1, message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }], severity: 'high' }],
    }));

  it('B323 unverified SSL context', () =>
    testRule('B323', {
      valid: ['import ssl\nssl.create_default_context()'],
      invalid: [{ code: 'import ssl\nctx = ssl._create_unverified_context()', errors: [{ line: 2, column: 7, message: 'By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. However, it still allows using an insecure context via the _create_unverified_context that  reverts to the previous behavior that does not validate certificates or perform hostname checks.' }], severity: 'medium' }],
    }));
});
