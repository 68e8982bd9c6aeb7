import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';

describe('bandit import blacklist (B401–B415)', () => {
  it('B401 telnetlib', () =>
    testRule('B401', {
      valid: ['import paramiko'],
      invalid: [{ code: 'import os\nimport telnetlib', errors: [{ line: 2, column: 1, message: 'A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.' }], severity: 'high', confidence: 'high' }],
    }));

  it('B402 ftplib', () =>
    testRule('B402', { valid: ['import ssl'], invalid: [{ code: 'from ftplib import FTP', errors: [{ line: 1, column: 1, message: 'A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }], severity: 'high' }] }));

  it('B403 pickle, cPickle, dill, shelve, by prefix as bandit', () =>
    testRule('B403', {
      valid: ['import json', 'import copyreg\ncopyreg.pickle(C, f)'],
      invalid: [
        { code: 'import pickle', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the pickle module.' }], severity: 'low' },
        { code: 'from dill import loads', lines: [1] },
        { code: 'import shelve as s', lines: [1] },
        { code: 'import pickletools', lines: [1] },
        { code: '__import__("pickle")', lines: [1] },
        { code: 'import importlib\nm = importlib.import_module("cPickle")', lines: [2] },
      ],
    }));

  it('B404 subprocess, with the imported name in the message', () => {
    testRule('B404', {
      valid: ['import os', 'from os import system'],
      invalid: [
        { code: 'import subprocess', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the subprocess module.' }], severity: 'low' },
        { code: 'from subprocess import (\n    run,\n    PIPE,\n)', lines: [1] },
      ],
    });
    expect(runOn('from subprocess import run', ['B404'])[0]!.message).toBe('Consider possible security implications associated with the run module.');
  });

  it('B404 and B403 are independent on one statement (bandit reports only the first)', () => {
    expect(runOn('import pickle, subprocess', ['B403', 'B404']).map((f) => f.ruleId).sort()).toEqual(['B403', 'B404']);
  });

  it('B405 xml.etree', () =>
    testRule('B405', {
      valid: ['import xml.etree', 'from xml import etree', 'import defusedxml.ElementTree'],
      invalid: [
        { code: 'import xml.etree.ElementTree as ET', errors: [{ line: 1, column: 1, message: 'Using xml.etree.ElementTree to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] },
        { code: 'from xml.etree import cElementTree', lines: [1] },
        { code: 'from xml.etree.ElementTree import parse', lines: [1] },
      ],
    }));

  it('B406 xml.sax', () =>
    testRule('B406', {
      valid: ['from defusedxml import sax'],
      invalid: [{ code: 'import xml.sax', errors: [{ line: 1, column: 1, message: 'Using xml.sax to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }, { code: 'from xml.sax import make_parser', lines: [1] }, { code: 'from xml import sax', lines: [1] }],
    }));

  it('B407 expatbuilder', () =>
    testRule('B407', { valid: ['from xml.dom import minidom'], invalid: [{ code: 'from xml.dom import expatbuilder', errors: [{ line: 1, column: 1, message: 'Using expatbuilder to parse untrusted XML data is known to be vulnerable to XML attacks. Replace expatbuilder with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));

  it('B408 minidom', () =>
    testRule('B408', { valid: ['from defusedxml import minidom'], invalid: [{ code: 'import xml.dom.minidom', errors: [{ line: 1, column: 1, message: 'Using xml.dom.minidom to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.dom.minidom with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));

  it('B409 pulldom', () =>
    testRule('B409', { valid: ['from defusedxml import pulldom'], invalid: [{ code: 'from xml.dom.pulldom import parse', errors: [{ line: 1, column: 1, message: 'Using parse to parse untrusted XML data is known to be vulnerable to XML attacks. Replace parse with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.' }] }] }));

  it('B411 xmlrpc', () =>
    testRule('B411', {
      valid: ['import defusedxml.xmlrpc'],
      invalid: [{ code: 'import xmlrpc.client', errors: [{ line: 1, column: 1, message: 'Using xmlrpc.client to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.' }], severity: 'high' }, { code: 'from xmlrpc.server import SimpleXMLRPCServer', lines: [1] }],
    }));

  it('B412 httpoxy CGI handlers', () =>
    testRule('B412', {
      valid: ['from wsgiref.simple_server import make_server', 'import wsgiref.handlers'],
      invalid: [
        { code: 'from wsgiref.handlers import CGIHandler', errors: [{ line: 1, column: 1, message: 'Consider possible security implications associated with the CGIHandler module.' }], severity: 'high' },
        { code: 'from twisted.web.twcgi import CGIScript', lines: [1] },
      ],
    }));

  it('B413 pycrypto', () =>
    testRule('B413', {
      valid: ['from Cryptodome.Cipher import AES', 'import cryptography'],
      invalid: [{ code: 'from Crypto.Cipher import AES', errors: [{ line: 1, column: 1, message: 'The pyCrypto library and its module AES are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.' }], severity: 'high' }, { code: 'import Crypto.PublicKey.RSA', lines: [1] }],
    }));

  it('B415 pyghmi', () =>
    testRule('B415', { valid: ['import pysnmp'], invalid: [{ code: 'from pyghmi.ipmi import command', errors: [{ line: 1, column: 1, message: 'An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted protocol.' }], severity: 'high' }] }));

  it('# nosec B404 silences only B404', () => {
    expect(runOn('import subprocess, pickle  # nosec B404', ['B403', 'B404']).map((f) => f.ruleId)).toEqual(['B403']);
  });
});
