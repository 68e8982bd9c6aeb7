import { describe, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';

describe('bandit call blacklist (B302–B323)', () => {
  it('B302 marshal', () =>
    testRule('B302', {
      valid: ['import marshal\nmarshal.dumps(x)', 'loads(x)'],
      invalid: [
        { code: 'import marshal\nmarshal.loads(b)\nmarshal.load(f)', lines: [2, 3], severity: 'medium', confidence: 'high' },
        { code: 'from marshal import loads as l\nl(b)', lines: [2] },
      ],
    }));

  it('B303 md5/sha1 from PyCrypto(dome) and cryptography, not hashlib (B324)', () =>
    testRule('B303', {
      valid: ['import hashlib\nhashlib.md5(b)', 'from Crypto.Hash import SHA256\nSHA256.new(b)', 'from cryptography.hazmat.primitives import hashes\nhashes.SHA256()'],
      invalid: [
        { code: 'from Crypto.Hash import MD5\nMD5.new(b)', lines: [2], severity: 'medium' },
        { code: 'from Cryptodome.Hash import SHA\nh = SHA.new(b)', lines: [2] },
        { code: 'from cryptography.hazmat.primitives import hashes\nhashes.SHA1()', lines: [2] },
      ],
    }));

  it('B304 weak ciphers, high severity, name in the message', () => {
    testRule('B304', {
      valid: ['from Crypto.Cipher import AES\nAES.new(k, AES.MODE_GCM)', 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.AES(k)'],
      invalid: [
        { code: 'from Crypto.Cipher import DES\nDES.new(k)', lines: [2], severity: 'high' },
        { code: 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.TripleDES(k)\nalgorithms.ARC4(k)', lines: [2, 3] },
        { code: 'from cryptography.hazmat.decrepit.ciphers.algorithms import Blowfish\nBlowfish(k)', lines: [2] },
      ],
    });
  });

  it('B305 ECB mode', () =>
    testRule('B305', {
      valid: ['from cryptography.hazmat.primitives.ciphers import modes\nmodes.GCM(iv)'],
      invalid: [{ code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(k),\n           modes.ECB())', lines: [3] }],
    }));

  it('B306 tempfile.mktemp', () =>
    testRule('B306', {
      valid: ['import tempfile\ntempfile.mkstemp()', 'mktemp()'],
      invalid: [{ code: 'import tempfile\np = tempfile.mktemp()', lines: [2] }, { code: 'from tempfile import mktemp\nmktemp(suffix=".x")', lines: [2] }],
    }));

  it('B308 django mark_safe (any argument)', () =>
    testRule('B308', {
      valid: ['mark_safe(x)  # not imported from django', 'from django.utils.html import format_html\nformat_html("{}", x)'],
      invalid: [{ code: 'from django.utils.safestring import mark_safe\nmark_safe("<b>ok</b>")\nmark_safe(x)', lines: [2, 3] }],
    }));

  it('B310 urlopen and friends', () =>
    testRule('B310', {
      valid: ['import urllib.parse\nurllib.parse.urlsplit(u)', 'import requests\nrequests.get(u, timeout=3)'],
      invalid: [
        { code: 'import urllib.request\nurllib.request.urlopen(u)', lines: [2] },
        { code: 'from urllib.request import urlretrieve, URLopener\nurlretrieve(u, f)\nURLopener()', lines: [2, 3] },
        { code: 'from six.moves.urllib.request import urlopen\nurlopen(u)', lines: [2] },
      ],
    }));

  it('B311 random is low severity', () =>
    testRule('B311', {
      valid: ['import secrets\nsecrets.choice(a)', 'import random\nrandom.shuffle(a)', 'import random\nrandom.SystemRandom().random()'],
      invalid: [
        { code: 'import random\nrandom.random()\nrandom.choice(a)\nrandom.Random(1)', lines: [2, 3, 4], severity: 'low', confidence: 'high' },
        { code: 'from random import randint as ri\nri(1, 6)', lines: [2] },
      ],
    }));

  it('B312 telnetlib.*', () =>
    testRule('B312', {
      valid: ['import telnetlib\nx = telnetlib', 'tn.write(b"x")'],
      invalid: [{ code: 'import telnetlib\ntn = telnetlib.Telnet(host)', lines: [2], severity: 'high' }],
    }));

  it('B313 cElementTree', () =>
    testRule('B313', {
      valid: ['import defusedxml.cElementTree as ET\nET.parse(f)'],
      invalid: [{ code: 'import xml.etree.cElementTree as ET\nET.parse(f)\nET.fromstring(s)', lines: [2, 3] }],
    }));

  it('B314 ElementTree, message names the function', () => {
    testRule('B314', {
      valid: ['import defusedxml.ElementTree as ET\nET.fromstring(s)', 'import xml.etree.ElementTree as ET\nET.tostring(e)'],
      invalid: [
        { code: 'import xml.etree.ElementTree as ET\nET.fromstring(s)', lines: [2], severity: 'medium' },
        { code: 'from xml.etree.ElementTree import XMLParser, iterparse\nXMLParser()\niterparse(f)', lines: [2, 3] },
      ],
    });
  });

  it('B315 expatreader', () =>
    testRule('B315', {
      valid: ['from defusedxml import expatreader\nexpatreader.create_parser()'],
      invalid: [{ code: 'import xml.sax.expatreader\nxml.sax.expatreader.create_parser()', lines: [2] }],
    }));

  it('B316 expatbuilder', () =>
    testRule('B316', {
      valid: ['from defusedxml import expatbuilder\nexpatbuilder.parseString(s)'],
      invalid: [{ code: 'from xml.dom import expatbuilder\nexpatbuilder.parse(f)\nexpatbuilder.parseString(s)', lines: [2, 3] }],
    }));

  it('B317 sax', () =>
    testRule('B317', {
      valid: ['import defusedxml.sax\ndefusedxml.sax.parseString(s, h)', 'import xml.sax\nxml.sax.ContentHandler()'],
      invalid: [{ code: 'import xml.sax\nxml.sax.parseString(s, h)\np = xml.sax.make_parser()', lines: [2, 3] }],
    }));

  it('B318 minidom', () =>
    testRule('B318', {
      valid: ['from defusedxml import minidom\nminidom.parseString(s)', 'from xml.dom import minidom\nminidom.Document()'],
      invalid: [{ code: 'from xml.dom import minidom\ndoc = minidom.parseString(s)', lines: [2] }],
    }));

  it('B319 pulldom', () =>
    testRule('B319', {
      valid: ['from defusedxml import pulldom\npulldom.parse(f)'],
      invalid: [{ code: 'import xml.dom.pulldom\nxml.dom.pulldom.parseString(s)', lines: [2] }],
    }));

  it('B321 ftplib.*', () =>
    testRule('B321', {
      valid: ['ftp.login(u, p)'],
      invalid: [{ code: 'import ftplib\nftp = ftplib.FTP(host)\nftplib.FTP_TLS(host)', lines: [2, 3], severity: 'high' }],
    }));

  it('B323 unverified SSL context', () =>
    testRule('B323', {
      valid: ['import ssl\nssl.create_default_context()'],
      invalid: [{ code: 'import ssl\nctx = ssl._create_unverified_context()', lines: [2], severity: 'medium' }],
    }));
});
