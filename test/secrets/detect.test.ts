import { describe, expect, it } from 'vitest';
import { credentialKind, isAllowlisted, isCredentialName, maskSecret } from '../../src/secrets/index.js';
import { detectSecrets, scanSecrets } from '../../src/pipeline/secrets.js';
import { SECRET_RULES } from '../../src/rules/secrets/index.js';
import { KeywordMatcher } from '../../src/secrets/keyword-matcher.js';
import type { FileKind } from '../../src/core/file.js';

// Fake values, built so that no real key appears in the source.
const GH = 'ghp_' + 'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB';
const PW = 'Vx7#kQ2!mZ9@pL4r';

function scan(text: string, kind: FileKind = 'python', path = 'app/mod.py') {
  return detectSecrets({ path, kind, text });
}

describe('maskSecret', () => {
  it('keeps a short prefix and the length, never the secret', () => {
    expect(maskSecret(GH)).toBe('ghp_…(40 chars)');
    expect(maskSecret('abcdefghij')).toBe('ab…(10 chars)');
    expect(maskSecret('hunter2')).toBe('…(7 chars)');
  });
});

describe('credential names', () => {
  it('recognises credential names and rules out names about credentials', () => {
    for (const n of ['DB_PASSWORD', 'apiKey', 'client_secret', 'AUTH_TOKEN', 'settings.SECRET_KEY', 'private-key', 'OPENAI_API_KEY', 'passwd', 'aws_secret_access_key']) expect(isCredentialName(n), n).toBe(true);
    for (const n of ['PASSWORD_MIN_LENGTH', 'token_type', 'next_page_token', 'password_url', 'bypass', 'keyboard', 'tokenizer', 'secret_name', 'public_key', 'primary_key']) expect(isCredentialName(n), n).toBe(false);
    expect(credentialKind('DB_PASSWORD')).toBe('password');
    expect(credentialKind('signing_key')).toBe('key');
  });
});

describe('KeywordMatcher', () => {
  it('finds every keyword occurrence, overlapping ones included', () => {
    const m = new KeywordMatcher(['he', 'she', 'his', 'hers', 'ghp_']);
    expect([...m.scan('ushers')].sort()).toEqual([0, 1, 3]);
    expect([...m.scan('token=ghp_x')]).toEqual([4]);
    expect(m.scan('nothing here').size).toBe(1);
  });

  it('the dense ASCII table and the map automaton find the same keywords', () => {
    const kws = ['ab', 'abc', 'bca', 'cab', 'aa', 'c'];
    const dense = new KeywordMatcher(kws);
    const mapped = new KeywordMatcher([...kws, 'é']); // a non-ASCII keyword: the map path
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 500; t++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => 'abcé€x'[Math.floor(rnd() * 6)]).join('');
      const want = kws.map((k, i) => (text.includes(k) ? i : -1)).filter((i) => i >= 0);
      expect([...dense.scan(text)].sort(), text).toEqual(want);
      expect([...mapped.scan(text)].filter((i) => i < kws.length).sort(), text).toEqual(want);
    }
  });
});

describe('detectSecrets', () => {
  it('reports a known format with location, masked snippet, message and hashed fingerprint', () => {
    const text = `import github\n\nclient = github.Github("${GH}")\n`;
    const [f, ...rest] = scan(text);
    expect(rest).toEqual([]);
    expect(f!.ruleId).toBe('KR201');
    expect(f!.category).toBe('secrets');
    expect(f!.properties!.format).toBe('github-pat');
    expect(f!.location).toMatchObject({ startLine: 3, startColumn: 24, endLine: 3, endColumn: 24 + GH.length });
    expect(f!.message).toContain('GitHub personal access token');
    expect(f!.snippet).toContain('ghp_…(40 chars)');
    expect(JSON.stringify(f)).not.toContain(GH);
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps fingerprints stable when lines move, and distinct for repeated secrets', () => {
    const a = scan(`X = "${GH}"\n`);
    const b = scan(`\n\n# moved\nX = "${GH}"\n`);
    expect(a[0]!.fingerprint).toBe(b[0]!.fingerprint);
    const two = scan(`X = "${GH}"\nY = "${GH}"\n`);
    expect(two[0]!.fingerprint).not.toBe(two[1]!.fingerprint);
  });

  it('reports credential-named literals in assignments, kwargs, dicts, comparisons and getenv defaults', () => {
    const text = [
      `DB_PASSWORD = "${PW}"`,
      `connect(host="db", password="${PW}")`,
      `cfg = {"api_key": "${PW}"}`,
      `if token == "${PW}": pass`,
      `SECRET = os.getenv("APP_SECRET", "${PW}")`,
      `self.client_secret = '${PW}'`,
      `password: str = "${PW}"`,
    ].join('\n');
    const fs = scan(text);
    expect(fs.map((f) => f.location.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fs.every((f) => f.ruleId === 'KR202' && f.severity === 'high')).toBe(true);
    expect(fs[0]!.cwe).toEqual([259, 798]);
  });

  it('does not report placeholders, references or names about credentials', () => {
    const text = [
      'PASSWORD = os.environ["DB_PASSWORD"]',
      'password = ""',
      'token = None',
      'api_key = "<your-api-key>"',
      'secret = "${APP_SECRET}"',
      'PASSWORD_FIELD = "password"',
      'TOKEN_URL = "https://auth.example.net/token"',
      'key_file = "/etc/app/key.pem"',
      'password = "%(pw)s"',
      'aws_secret_access_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    ].join('\n');
    expect(scan(text)).toEqual([]);
  });

  it('reports stand-in values low', () => {
    const fs = scan('password = "changeme"\nDB_PASSWORD = "admin"\ntoken = "test"\n');
    expect(fs.every((f) => f.severity === 'low')).toBe(true);
  });

  it('reads config files: .env, YAML, INI, TOML, Dockerfile and compose', () => {
    expect(scan(`DB_PASSWORD=${PW}\nexport API_TOKEN=${PW}\n`, 'env', '.env').map((f) => f.location.startLine)).toEqual([1, 2]);
    expect(scan(`db:\n  password: ${PW}\n  user: app\n`, 'yaml', 'config.yaml').map((f) => f.location.startLine)).toEqual([2]);
    expect(scan(`[db]\npassword = ${PW}\n`, 'ini', 'app.ini')).toHaveLength(1);
    expect(scan(`[tool.x]\napi_key = "${PW}"\n`, 'toml', 'pyproject.toml')).toHaveLength(1);
    expect(scan(`FROM python\nENV ADMIN_PASSWORD ${PW}\n`, 'dockerfile', 'Dockerfile').map((f) => f.location.startLine)).toEqual([2]);
    expect(scan(`services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${PW}\n`, 'compose', 'docker-compose.yml').map((f) => f.location.startLine)).toEqual([4]);
  });

  it('joins Python implicit concatenation and reports the value across its lines, masking every piece', () => {
    const text = `TOKEN = (\n    "${GH.slice(0, 20)}"\n    "${GH.slice(20)}"\n)\n`;
    const fs = scan(text);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.properties!.format).toBe('github-pat');
    expect(fs[0]!.location.startLine).toBe(2);
    expect(fs[0]!.location.endLine).toBe(3);
    expect(fs[0]!.snippet).not.toContain(GH.slice(0, 20));
    expect(fs[0]!.snippet).not.toContain(GH.slice(20));
  });

  it('does not join list elements', () => {
    const text = `__all__ = ["aaaaaaaaaaaaAAAAAAAAA1", "bbbbbbbbbbbbbbBBBBBBB2",\n           "ccccccccccCCCCCCCCCC3", "dddddddddddDDDDDDD4"]\n`;
    expect(scan(text)).toEqual([]);
  });

  it('joins YAML folded scalars', () => {
    const text = `github:\n  token: >-\n    ${GH.slice(0, 18)}\n    ${GH.slice(18)}\n`;
    const fs = scan(text, 'yaml', 'ci.yaml');
    expect(fs.map((f) => [f.properties!.format, f.location.startLine, f.location.endLine])).toEqual([['github-pat', 3, 4]]);
  });

  it('finds a PEM private key across lines and masks its body', () => {
    const body = Array.from({ length: 5 }, (_, i) => 'MIIEowIBAAKCAQEA' + 'Qk9xW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aBzXy1w3e4r5t6y7u8i9o0p1'.slice(i, i + 48));
    const text = `KEY = """-----BEGIN RSA PRIVATE KEY-----\n${body.join('\n')}\n-----END RSA PRIVATE KEY-----"""\n`;
    const [f] = scan(text);
    expect(f).toMatchObject({ ruleId: 'KR205', severity: 'critical', cwe: [321, 798] });
    expect(f!.location.startLine).toBe(1);
    expect(f!.location.endLine).toBe(6);
    for (const line of body) expect(JSON.stringify(f)).not.toContain(line);
  });

  it('ignores code that only mentions a PEM header', () => {
    expect(scan('if pem.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    kind = "rsa"\n')).toEqual([]);
  });

  it('reports URLs with credentials but not placeholders in them', () => {
    const fs = scan('DB = "postgresql://app:Qx7-fake-Pw2@db.internal/app"\nDOC = "postgresql://user:${DB_PASS}@db/app"\n');
    expect(fs.map((f) => [f.ruleId, f.location.startLine])).toEqual([['KR204', 1]]);
    expect(fs[0]!.message).not.toContain('Qx7-fake-Pw2');
  });

  it('honours # pragma: allowlist secret, its nextline form and # nosec (bare, rule id or bandit B105)', () => {
    const text = [
      `A = "${GH}"  # pragma: allowlist secret`,
      '# pragma: allowlist nextline secret',
      `B = "${GH}"`,
      `C = "${GH}"  # nosec`,
      `password = "${PW}"  # nosec B105`,
      `D = "${GH}"  # nosec B602`,
    ].join('\n');
    const r = scanSecrets({ path: 'm.py', kind: 'python', text });
    expect(r.findings.map((f) => f.location.startLine)).toEqual([6]);
    expect(r.suppressed.map((f) => f.properties!.suppressedBy)).toEqual(['pragma', 'pragma', 'nosec', 'nosec']);
  });

  it('honours the pragma in YAML and .env files', () => {
    expect(scan(`token: ${GH} # pragma: allowlist secret\n`, 'yaml', 'a.yaml')).toEqual([]);
    expect(scan(`TOKEN=${GH} # pragma: allowlist secret\n`, 'env', '.env')).toEqual([]);
  });

  it('drops findings whose fingerprint is allowlisted', () => {
    const [f] = scan(`X = "${GH}"\n`);
    expect(isAllowlisted(f!.fingerprint, new Set([f!.fingerprint]))).toBe(true);
    expect(detectSecrets({ path: 'app/mod.py', kind: 'python', text: `X = "${GH}"\n`, allowlist: new Set([f!.fingerprint]) })).toEqual([]);
  });

  it('reports secrets in tests and fixtures at low severity', () => {
    for (const path of ['tests/test_api.py', 'test/fixtures/keys.py', 'pkg/conftest.py', 'src/api_test.py']) {
      const [f] = scan(`X = "${GH}"\n`, 'python', path);
      expect(f!.severity, path).toBe('low');
    }
  });

  it('reports base64 values that decode to a known credential', () => {
    const enc = Buffer.from(GH).toString('base64');
    const [f] = scan(`BLOB = "${enc}"\n`);
    expect(f).toMatchObject({ ruleId: 'KR201', properties: { format: 'github-pat', encoding: 'base64' } });
  });

  it('reports random base64 literals as high entropy (medium) and hex as low', () => {
    const fs = scan('SIGNING = "q8Zr2LwX0pVt7NkYb3Hs9JdF4mQe6Ug1Ac5Tz"\nDIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"\nVALUE = "3f7a9c2e5b1d8f4a6c0e2b9d7f1a3c5e"\n');
    expect(fs.map((f) => [f.ruleId, f.severity, f.location.startLine])).toEqual([['KR203', 'medium', 1], ['KR203', 'low', 3]]);
  });

  it('maps notebook cells back to the .ipynb lines', () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'markdown', metadata: {}, source: ['# Title\n'] }, { cell_type: 'code', metadata: {}, outputs: [], source: ['import os\n', `TOKEN = "${GH}"\n`] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const line = nb.split('\n').findIndex((l) => l.includes('TOKEN')) + 1;
    const [f] = scan(nb, 'notebook', 'nb/a.ipynb');
    expect(f!.location.startLine).toBe(line);
    expect(f!.snippet).toContain('ghp_…(40 chars)');
    expect(JSON.stringify(f)).not.toContain(GH);
    // Not JSON: read as text, no crash.
    expect(scan(`{ broken TOKEN = "${GH}"`, 'notebook', 'nb/b.ipynb')).toHaveLength(1);
  });

  it('documents every rule', () => {
    expect(SECRET_RULES.map((r) => r.id)).toEqual(['KR201', 'KR202', 'KR203', 'KR204', 'KR205']);
    for (const r of SECRET_RULES) {
      expect(r.docs.what.length).toBeGreaterThan(40);
      expect(r.docs.references[0]).toMatch(/cwe\.mitre\.org/);
    }
  });

  it('finds formats anywhere in a long line, across chunk boundaries', () => {
    const filler = (n: number) => 'a b '.repeat(Math.ceil(n / 4)).slice(0, n);
    const line = filler(65_536 - 20) + ' ' + GH + ' ' + filler(300_000) + ' ' + GH + ' end';
    const fs = scan(line, 'text', 'long.txt');
    expect(fs.map((f) => [f.properties!.format, f.location.startColumn])).toEqual([['github-pat', 65_536 - 19], ['github-pat', line.lastIndexOf(GH)]]);
  });

  it('stays fast on hostile input: a 2 MB line of credential-ish characters', () => {
    const line = 'password=' + 'ghp_AKIA-sk_live_eyJ.'.repeat(100_000);
    const t0 = performance.now();
    scan(line, 'env', '.env');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
