/**
 * The redaction step (`src/secrets/redact-text.ts`): every secret shape is masked in any
 * string, whatever the position, and ordinary text is left alone.
 */
import { describe, expect, it } from 'vitest';
import { markRedacted, redactDeep, redactText } from '../../src/secrets/redact-text.js';
import { scan } from '../../src/pipeline/scan.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

const GHP = 'ghp_' + 'Zq8Xw2Lr5Tb7Nc9Vm1Ks3Hd6Fg4Pj0Ya8Qe7';
const AWS = 'AKIA' + 'QZ7XW2LR5TB7NCEV';

function gone(input: string, secret: string): string {
  const out = redactText(input);
  expect(out, out).not.toContain(secret);
  expect(out).toMatch(/…\(\d+ chars\)/);
  return out;
}

describe('hostile redaction: every secret shape is masked', () => {
  it('a GitHub token in prose', () => void gone(`token is ${GHP} here`, GHP));
  it('an AWS access key id in a file name', () => void gone(`pkg/${AWS}.py`, AWS));
  it('URL credentials keep the user, mask the password', () => {
    const out = gone('https://alice:S3cr3tPassw0rdValue@pypi.example.com/simple', 'S3cr3tPassw0rdValue');
    expect(out).toContain('https://alice:');
    expect(out).toContain('@pypi.example.com/simple');
  });
  it('a token used as the URL user is masked', () => void gone('https://abcdefghijklmnopqrstuvwx@github.com/o/r.git', 'abcdefghijklmnopqrstuvwx'));
  it('?token= in a query string', () => void gone('https://h/x?token=plainvalue123&page=2', 'plainvalue123'));
  it('&access_token= in a query string', () => void gone('https://h/x?a=1&access_token=zzTopValue99', 'zzTopValue99'));
  it('?key= and sig= in a signed URL', () => {
    const out = redactText('https://h/x?key=kkkValue111&sig=sssValue222');
    expect(out).not.toContain('kkkValue111');
    expect(out).not.toContain('sssValue222');
  });
  it('.env SECRET_KEY=value (short, low entropy)', () => void gone('SECRET_KEY=abc', 'abc'));
  it('.env export DB_PASSWORD="value"', () => void gone('export DB_PASSWORD="hunter2hunter"', 'hunter2hunter'));
  it('YAML password: value', () => void gone('  password: my pass phrase', 'my pass phrase'));
  it('TOML api_key = "value"', () => void gone('api_key = "tomlvalue77"', 'tomlvalue77'));
  it('INI token = value', () => void gone('auth_token = initoken55', 'initoken55'));
  it('JSON "password": "value"', () => void gone('{"user": "u", "password": "jsonpw88"}', 'jsonpw88'));
  it('escaped JSON in a notebook line \\"password\\": \\"value\\"', () => void gone('"x = {\\"password\\": \\"nbpw99\\"}\\n",', 'nbpw99'));
  it('Python keyword argument connect(password="value")', () => void gone('db.connect(user="u", password="kwpw66")', 'kwpw66'));
  it('Python annotated assignment password: str = "value"', () => void gone('password: str = "annpw44"', 'annpw44'));
  it('Python bytes prefix SECRET = b"value"', () => void gone('CLIENT_SECRET = b"bytesval33"', 'bytesval33'));
  it('an unterminated quoted value is masked to the end of the line', () => void gone('password = "unterminated22\nnext', 'unterminated22'));
  it('a snippet context line of another finding', () => {
    const out = redactText('  3 import os\n  4 API_TOKEN = "ctxsecret11"\n  5 os.system(x)');
    expect(out).not.toContain('ctxsecret11');
    expect(out).toContain('os.system(x)');
  });
  it('a bandit-style message quoting the value', () => void gone("Possible hardcoded password: 'msgpw1234'", 'msgpw1234'));
});

describe('hostile redaction: ordinary text is left alone', () => {
  it('code that reads a secret from the environment is not masked', () => {
    const s = 'password = os.environ["DB_PASSWORD"]';
    expect(redactText(s)).toBe(s);
  });
  it('names that are about a credential but not one are not masked', () => {
    const s = 'PASSWORD_MIN_LENGTH = 12\ntoken_type = "bearer"';
    expect(redactText(s)).toBe(s);
  });
  it('a plain URL without credentials is not masked', () => {
    const s = 'https://pypi.org/simple/?page=2';
    expect(redactText(s)).toBe(s);
  });
  it('redaction is idempotent', () => {
    const once = redactText(`SECRET_KEY = "abcdefghij" ${GHP} https://u:pw123456@h`);
    expect(redactText(once)).toBe(once);
  });
  it('an unquoted value before a closing bracket is masked once, not again on each pass', () => {
    // The per-file pass and the report both redact: the second pass read `se…(13 chars`
    // (up to the bracket) as a new value and masked the mask.
    for (const s of ['conn = Client(addr, authkey=self._authkey)', "userid = passwd = acct = ''", 'f(token=abcdefghijkl, x=1)']) {
      const once = redactText(s);
      expect(once).not.toBe(s);
      expect(redactText(once), s).toBe(once);
    }
  });
  it('placeholders and None are not masked', () => {
    for (const s of ['password = None', 'password: ${DB_PASSWORD}', 'password = "{{ vault_pw }}"']) expect(redactText(s)).toBe(s);
  });
});

describe('hostile redaction: redactDeep reaches every string', () => {
  it('nested objects and arrays, keys kept', () => {
    const v = { a: [{ message: `x ${GHP}` }, `SECRET_KEY=zz9zz9`], n: 3, password: 'kept-key' };
    redactDeep(v);
    expect(JSON.stringify(v)).not.toContain(GHP);
    expect(JSON.stringify(v)).not.toContain('zz9zz9');
    expect(Object.keys(v)).toEqual(['a', 'n', 'password']);
  });
  it('a cyclic object does not loop', () => {
    const v: Record<string, unknown> = { s: `t ${GHP}` };
    v['self'] = v;
    redactDeep(v);
    expect(v['s']).not.toContain(GHP);
  });
  it('an object marked as redacted already is skipped, and only that object', () => {
    // (A marker stands in for text the worker masked; a report's own strings are still visited.)
    const marked = { name: `kept ${GHP}` };
    markRedacted(marked);
    const v = { files: [{ path: `p/${AWS}.py`, metrics: marked }], note: `n ${GHP}` };
    redactDeep(v);
    expect(marked.name).toContain(GHP);
    expect(v.files[0].path).not.toContain(AWS);
    expect(v.note).not.toContain(GHP);
  });
});

describe('hostile redaction: a report shows each secret masked once', () => {
  it('connection strings (URL, libpq keyword/value, ODBC): message and snippet hold one well-formed mask, not the secret', async () => {
    const pw = ['Ur7-Qm4-Pw2x', 'Kv7pR2vLx9Tz', 'Od9-Tz4-7717'];
    const root = tempProject(
      {
        'db.py': [
          `URL = "postgresql://app:${pw[0]}@db.internal/app"`,
          `DSN = "host=warehouse.internal dbname=reporting user=etl password=${pw[1]} sslmode=require"`,
          `ODBC = "Driver={ODBC Driver 18};Server=tcp:sql.internal,1433;Database=app;Uid=app;Pwd=${pw[2]};Encrypt=yes"`,
          '',
        ].join('\n'),
      },
      'krait-redact-',
    );
    const report = await scan({ targets: [root], config: false, jobs: 1, cache: false });
    const kr204 = report.findings.filter((f) => f.ruleId === 'KR204');
    expect(kr204.map((f) => f.location.startLine).sort()).toEqual([1, 2, 3]);
    for (const f of kr204) {
      for (const text of [f.message, f.snippet ?? '']) {
        for (const p of pw) expect(text).not.toContain(p);
        // (A mask masked again reads `…(6 chars) chars)` or ends in a doubled bracket.)
        expect(text, text).not.toMatch(/chars\) chars\)|…\(\d+ chars\)\)\)/);
      }
      expect(f.message).toMatch(/ \([A-Za-z0-9-]{0,4}…\(\d+ chars\)\) written in the source/);
    }
  });
});
