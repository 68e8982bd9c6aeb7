/**
 * The secrets rules KR201–KR205 on the per-file facts the secrets analysis computed
 * (`secretFacts`) from small files: each reports the candidates of its kind, worded as
 * its own, and nothing for a file whose candidates are of another kind or that holds none.
 */
import { describe, expect, it } from 'vitest';
import { runProjectRule, testProjectRule } from '../../helpers/project-rule-tester.js';
import { secretFacts } from '../../../src/secrets/index.js';
import type { FileKind } from '../../../src/core/file.js';
import { secretFormat } from '../../../src/rules/secrets/kr201-secret-format.js';
import { secretAssignment } from '../../../src/rules/secrets/kr202-secret-assignment.js';
import { highEntropyString } from '../../../src/rules/secrets/kr203-high-entropy-string.js';
import { credentialInUrl } from '../../../src/rules/secrets/kr204-credential-in-url.js';
import { privateKey } from '../../../src/rules/secrets/kr205-private-key.js';

// Fake values, built so that no real key appears in the source.
const GH = 'ghp_' + 'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB';
const PW = 'Vx7#kQ2!mZ9@pL4r';
const PEM_BODY = Array.from({ length: 5 }, (_, i) => 'MIIEowIBAAKCAQEA' + 'Qk9xW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aBzXy1w3e4r5t6y7u8i9o0p1'.slice(i, i + 48));

const facts = (text: string, kind: FileKind = 'python', path = 'app/mod.py', documentationLines?: Set<number>) =>
  secretFacts({ path, kind, text, ...(documentationLines ? { documentationLines } : {}) });

const NONE = facts('import os\nTOKEN = os.environ["GITHUB_TOKEN"]\n');

describe('KR201 secret-format', () => {
  it('words a known format, in any file kind; low in test files', () => {
    testProjectRule(secretFormat, {
      valid: [
        { name: 'from the environment', facts: NONE },
        { name: 'a password assignment only (KR202)', facts: facts(`password = "${PW}"\n`) },
      ],
      invalid: [
        { name: 'Python', facts: facts(`import github\n\nclient = github.Github("${GH}")\n`), findings: [{ path: 'app/mod.py', line: 3, message: 'GitHub personal access token (classic) hardcoded (ghp_…(40 chars)); move it out of the code and revoke it', severity: 'high' }] },
        { name: '.env', facts: facts(`DEBUG=1\nGH=${GH}\n`, 'env', '.env'), findings: [{ path: '.env', line: 2 }] },
        { name: 'a test file', facts: facts(`X = "${GH}"\n`, 'python', 'tests/test_api.py'), findings: [{ line: 1, severity: 'low' }] },
      ],
    });
    const [f] = runProjectRule(secretFormat, facts(`X = "${GH}"\n`));
    expect(JSON.stringify(f)).not.toContain(GH);
    expect(f!.properties).toMatchObject({ format: 'github-pat', formatName: 'GitHub personal access token (classic)', masked: 'ghp_…(40 chars)', secretLength: 40 });
  });
});

describe('KR202 secret-assignment', () => {
  it('words a literal bound to a credential name; low in documentation lines', () =>
    testProjectRule(secretAssignment, {
      valid: [
        { name: 'from the environment', facts: NONE },
        { name: 'a placeholder', facts: facts('password = "<your-password>"\n') },
        { name: 'a known format (KR201)', facts: facts(`X = "${GH}"\n`) },
      ],
      invalid: [
        { name: 'keyword argument', facts: facts(`smtp.login("alerts", password="${PW}")\n`), findings: [{ line: 1, message: "Hardcoded password in 'password' (Vx7#…(16 chars)); read it from the environment or a secret store", severity: 'high' }] },
        { name: 'in a docstring', facts: facts(`def f():\n    """password = "${PW}" """\n`, 'python', 'app/mod.py', new Set([2])), findings: [{ line: 2, severity: 'low' }] },
      ],
    }));
});

describe('KR203 high-entropy-string', () => {
  it('words a random-looking literal: base64 medium, hex low', () =>
    testProjectRule(highEntropyString, {
      valid: [
        { name: 'from the environment', facts: NONE },
        { name: 'a hash in a hash context', facts: facts('DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"\n') },
        { name: 'a known format (KR201)', facts: facts(`X = "${GH}"\n`) },
      ],
      invalid: [
        {
          name: 'base64 and hex',
          facts: facts('SIGNING = "q8Zr2LwX0pVt7NkYb3Hs9JdF4mQe6Ug1Ac5Tz"\nVALUE = "3f7a9c2e5b1d8f4a6c0e2b9d7f1a3c5e"\n'),
          findings: [
            { line: 1, message: /^High-entropy base64 string \(\d\.\d bits\/char, (\d+) chars\) may be a secret \(q8Zr…\(\1 chars\)\)$/, severity: 'medium' },
            { line: 2, message: /^High-entropy hex string/, severity: 'low' },
          ],
        },
        { name: 'in a docstring', facts: facts('"""\nSIGNING = "q8Zr2LwX0pVt7NkYb3Hs9JdF4mQe6Ug1Ac5Tz"\n"""\n', 'python', 'app/mod.py', new Set([1, 2, 3])), findings: [{ line: 2, severity: 'low' }] },
      ],
    }));
});

describe('KR204 credential-in-url', () => {
  it('words a password in a connection string, not an interpolated one', () =>
    testProjectRule(credentialInUrl, {
      valid: [
        { name: 'interpolated password', facts: facts('DOC = "postgresql://user:${DB_PASS}@db/app"\n') },
        { name: 'no password', facts: facts('DB = "postgresql://db.internal/app"\n') },
      ],
      invalid: [
        { name: 'postgres URL', facts: facts('DB = "postgresql://app:Qx7-fake-Pw2@db.internal/app"\n'), findings: [{ line: 1, message: / \(Qx…\(12 chars\)\) written in the source; pass credentials separately, from the environment$/, severity: 'high' }] },
      ],
    }));
});

describe('KR205 private-key', () => {
  it('words a private key block, not code that mentions a PEM header', () =>
    testProjectRule(privateKey, {
      valid: [
        { name: 'a header check', facts: facts('if pem.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    kind = "rsa"\n') },
        { name: 'a token (KR201)', facts: facts(`X = "${GH}"\n`) },
      ],
      invalid: [
        {
          name: 'RSA key in a triple-quoted string',
          facts: facts(`KEY = """-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----"""\n`),
          findings: [{ line: 1, message: /embedded in the file \(.*\); keep keys out of the repository and rotate it$/, severity: 'critical' }],
        },
      ],
    }));
});
