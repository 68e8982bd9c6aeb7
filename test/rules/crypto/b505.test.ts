import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
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
});
