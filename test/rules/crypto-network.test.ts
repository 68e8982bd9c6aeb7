import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';

describe('crypto and network plugins', () => {
  it('B502 bad protocol versions: ssl.wrap_socket and SSL.Context high, other calls medium, on the keyword line', () =>
    testRule('B502', {
      valid: [
        'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLS_CLIENT)',
        'from OpenSSL import SSL\nSSL.Context(SSL.TLSv1_2_METHOD)',
        'import ssl\nssl.wrap_socket(s, ssl.PROTOCOL_SSLv3)  # positional: bandit does not read it',
      ],
      invalid: [
        { code: 'import ssl\nssl.wrap_socket(s,\n    ssl_version=ssl.PROTOCOL_SSLv3)', errors: [{ line: 3, column: 17, message: 'ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.' }], severity: 'high', confidence: 'high' },
        { code: 'from OpenSSL import SSL\nSSL.Context(method=SSL.TLSv1_1_METHOD)', lines: [2], severity: 'medium', confidence: 'medium' },
        { code: 'import pyOpenSSL\npyOpenSSL.SSL.Context(method=SSLv2_METHOD)', lines: [2], severity: 'high' },
        { code: 'herp_derp(ssl_version=ssl.PROTOCOL_TLSv1)', lines: [1], severity: 'medium' },
      ],
    }));

  it('B503 bad protocol as a default argument', () =>
    testRule('B503', {
      valid: ['def f(v=ssl.PROTOCOL_TLS_CLIENT): pass', 'def f(*, v=ssl.PROTOCOL_SSLv3): pass  # keyword-only: bandit does not read it'],
      invalid: [{ code: 'import ssl\n\n@decorator\ndef open_socket(host, version=ssl.PROTOCOL_SSLv2):\n    pass', errors: [{ line: 4, column: 1, message: 'Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.' }], severity: 'medium', confidence: 'medium' }],
    }));

  it('B504 wrap_socket without ssl_version', () =>
    testRule('B504', {
      valid: ['import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_2)', 'ctx.wrap_socket(s)'],
      invalid: [{ code: 'import ssl\nssl.wrap_socket(s)', errors: [{ line: 2, column: 1, message: 'ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.' }], severity: 'low', confidence: 'medium' }],
    }));

  it('B505 weak keys: sizes, thresholds, curves and options', () =>
    testRule('B505', {
      valid: [
        'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(public_exponent=65537, key_size=2048)',
        'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, bits)',
        'from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(ec.SECP256R1())',
        'from Crypto.PublicKey import RSA\nRSA.generate()',
      ],
      invalid: [
        { code: 'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(public_exponent=65537, key_size=1024)', errors: [{ line: 2, column: 1, message: 'RSA key sizes below 2048 bits are considered breakable.' }], severity: 'medium' },
        { code: 'from cryptography.hazmat.primitives.asymmetric import dsa\ndsa.generate_private_key(512,\n    backend)', lines: [2], severity: 'high' },
        { code: 'from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(curve=ec.SECT163R2)', lines: [2], severity: 'medium' },
        { code: 'from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(ec.SECP192R1())', lines: [2], severity: 'medium' },
        { code: 'from Cryptodome.PublicKey import DSA\nDSA.generate(bits=1024)', lines: [2], severity: 'medium' },
        { code: 'from Crypto.PublicKey import RSA\nRSA.generate(3072)', lines: [2], options: { ruleOptions: { B505: { weak_key_size_rsa_medium: 4096 } } } },
      ],
    }));

  it('B505 message', () => {
    expect(runOn('from Crypto.PublicKey import RSA\nRSA.generate(512)', ['B505'])[0]!.message).toBe('RSA key sizes below 1024 bits are considered breakable.');
  });

  it('B507 paramiko AutoAddPolicy / WarningPolicy', () =>
    testRule('B507', {
      valid: [
        'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())',
        'client.set_missing_host_key_policy(AutoAddPolicy)  # no paramiko import',
      ],
      invalid: [
        { code: 'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())', errors: [{ line: 3, column: 1, message: 'Paramiko call with policy set to automatically trust the unknown host key.' }], severity: 'high', confidence: 'medium' },
        { code: 'from paramiko import client\nssh = client.SSHClient()\nssh.set_missing_host_key_policy(client.WarningPolicy)', lines: [3] },
        { code: 'from paramiko import SSHClient, AutoAddPolicy\nSSHClient().set_missing_host_key_policy(AutoAddPolicy())', lines: [2] },
      ],
    }));

  it('B508 SNMPv1/v2c', () =>
    testRule('B508', {
      valid: ['from pysnmp.hlapi import *\nCommunityData("public", mpModel=2)', 'CommunityData("public")'],
      invalid: [
        { code: 'from pysnmp.hlapi import *\na = CommunityData("public", mpModel=0)\nb = CommunityData("public", mpModel=1)', errors: [{ line: 2, column: 5, message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.' }, { line: 3, column: 5, message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.' }], severity: 'medium', confidence: 'high' },
        { code: 'from pysnmp.hlapi import CommunityData\nCommunityData("public", mpModel=0)', lines: [2] },
      ],
    }));

  it('B509 SNMPv3 without auth and privacy', () =>
    testRule('B509', {
      valid: ['from pysnmp.hlapi import *\nUsmUserData("securityName", "authName", "privName")'],
      invalid: [{ code: 'from pysnmp.hlapi import *\nUsmUserData("securityName")\nUsmUserData("securityName", "authName")', errors: [{ line: 2, column: 1, message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure' }, { line: 3, column: 1, message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure' }], severity: 'medium' }],
    }));

  it('B615 Hugging Face downloads without a pinned commit', () =>
    testRule('B615', {
      valid: [
        'from transformers import AutoModel\nAutoModel.from_pretrained("org/m", revision="5d0f2e8a7f1b9c3e")',
        'from transformers import AutoModel\nAutoModel.from_pretrained("./local/model")',
        'from huggingface_hub import hf_hub_download\nhf_hub_download(repo_id="org/m", filename="f", revision="abcdef1")',
        'model.from_pretrained("org/m")  # no Hugging Face import',
      ],
      invalid: [
        { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/m")', errors: [{ line: 2, column: 1, message: 'Unsafe Hugging Face Hub download without revision pinning in from_pretrained()' }], severity: 'medium', confidence: 'high' },
        { code: 'from transformers import AutoTokenizer\nAutoTokenizer.from_pretrained("org/m", revision="main")', lines: [2] },
        { code: 'from datasets import load_dataset\nload_dataset("org/d", revision="v1.0")', lines: [2] },
        { code: 'import huggingface_hub\nhuggingface_hub.snapshot_download(repo_id="org/m")', lines: [2] },
      ],
    }));
});
