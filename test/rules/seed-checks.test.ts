/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */
import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';
import { backtrackingOf, pythonPatternToJs } from '../../src/rules/injection/kr135-regex-redos.js';
import { parseSuppressionComment } from '../../src/core/suppress.js';

describe('KR135 regex-redos', () => {
  it('flags nested and overlapping quantifiers in constant patterns', () => {
    testRule('KR135', {
      valid: [
        'import re\nEMAIL = re.compile(r"^[a-zA-Z0-9_.+-]+@example\\.com$")',
        'import re\nre.match(r"^\\d{4}-\\d{2}-\\d{2}$", s)',
        'import re\nre.compile(pattern)  # not a constant',
        'import re\nre.compile(r"(?>a+)+$")  # atomic group: no backtracking into it',
        'import re\nre.compile(r"""\n  ^ [a-z]+   # letters\n  $\n""", re.VERBOSE)',
      ],
      invalid: [
        { code: 'import re\nEMAIL = re.compile(r"^([a-zA-Z0-9_.+-]+)+@example\\.com$")', errors: [{ line: 2, column: 20, message: 'Regular expression `^([a-zA-Z0-9_.+-]+)+@example\\.com$` backtracks exponentially on a long run of "A" followed by a mismatch (ReDoS).' }], severity: 'medium' },
        { code: 'import re as r\nr.search(r"(\\w+\\s?)*$", text)', lines: [2], severity: 'medium' },
        { code: 'import re\nP = r"(?P<x>a+)+b"\nre.fullmatch(P, s)', lines: [3] },
        { code: 'import re\nre.sub(r"\\d+\\d+z", "", s)', lines: [2], severity: 'low' },
        { code: 'import re\nre.compile(r"""\n  ^ (\\w+ \\s?)*   # words\n  $\n""", re.X)', lines: [2] },
      ],
    });
  });
  it('translates Python-only syntax', () => {
    expect(pythonPatternToJs('(?i)(?P<n>a)(?P=n)\\Z')).toEqual({ source: '(?<n>a)\\k<n>$', flags: 'i' });
    expect(backtrackingOf('^(a+)+$')?.kind).toBe('exponential');
    expect(backtrackingOf('^a*a*$')?.kind).toBe('polynomial');
    expect(backtrackingOf('^[a-z]+$')).toBeUndefined();
  });
});

describe('KR136 symlink-predictable-tmp-write', () => {
  it('flags writes to fixed names in shared temporary directories', () => {
    testRule('KR136', {
      valid: [
        'open("/tmp/report.csv")  # read only',
        'open("/tmp/report.csv", "x")  # O_EXCL',
        'import tempfile\nwith tempfile.NamedTemporaryFile("w") as f: f.write(d)',
        'import os\nfd = os.open("/tmp/app.lock", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)',
        'import os, uuid\nopen(os.path.join("/tmp", uuid.uuid4().hex), "w")',
        'open("/srv/app/report.csv", "w")',
        'import os\nopen(os.path.join("/tmp", f"{os.urandom(8).hex()}.txt"), "w")',
      ],
      invalid: [
        { code: 'with open("/tmp/report.csv", "w") as f:\n    f.write(data)', errors: [{ line: 1, column: 6, message: 'open(…, "w") writes to the predictable shared path "/tmp/report.csv": another local user can plant a symbolic link there first and redirect the write.' }] },
        { code: 'PATH = "/var/tmp/app.log"\ndef log(m):\n    with open(PATH, "a") as f: f.write(m)', lines: [3] },
        { code: 'import os\nfd = os.open("/tmp/app.lock", os.O_WRONLY | os.O_CREAT, 0o600)', lines: [2] },
        { code: 'import os, tempfile\nopen(os.path.join(tempfile.gettempdir(), "cache.json"), "w")', lines: [2] },
        { code: 'from pathlib import Path\nPath("/tmp/out.txt").write_text(s)', lines: [2] },
        { code: 'import shutil\nshutil.copy("a", "/dev/shm/a")', lines: [2] },
        { code: 'def f(user):\n    open(f"/tmp/{user}.log", "w")', lines: [2] },
      ],
    });
  });
});

describe('KR317 user-enumeration', () => {
  it('flags answers that tell an unknown account from a wrong password', () => {
    testRule('KR317', {
      valid: [
        `@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not user.check_password(request.form["password"]):
        return jsonify(error="Invalid email or password"), 401
    return jsonify(ok=True)`,
        `def forgot_password():
    send_reset_link_if_exists(request.form["email"])
    return "If an account exists for this address, we sent a link."`,
        `def list_users():
    return "User not found"  # not an auth flow`,
      ],
      invalid: [
        {
          code: `@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return jsonify(error="User not found"), 404
    if not user.check_password(request.form["password"]):
        return jsonify(error="Wrong password"), 401
    return jsonify(ok=True)`,
          errors: [{ line: 5, column: 30, message: '\'login\' answers "User not found" for an unknown account and another message for a wrong password: anyone can test which accounts exist (user enumeration).' }],
          confidence: 'high',
        },
        {
          code: `@router.post("/password-reset")
async def request_reset(body: ResetIn):
    user = await users.get(body.email)
    if not user:
        raise HTTPException(status_code=404, detail="No account with that email")
    return {"sent": True}`,
          lines: [5],
          confidence: 'medium',
        },
        { code: `def authenticate(username, password):\n    if username not in USERS:\n        raise ValueError(f"Unknown user {username}")\n    if USERS[username] != password:\n        raise ValueError("Incorrect password")`, lines: [3], confidence: 'high' },
      ],
    });
  });
});

describe('KR334 llm-prompt-personal-data', () => {
  it('flags personal or secret fields formatted into a prompt', () => {
    testRule('KR334', {
      valid: [
        `from openai import OpenAI
client = OpenAI()
def remind(user, card):
    prompt = f"Write a payment reminder for customer {user.public_id} about the card ending in {card.number[-4:]}"
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])`,
        `import openai
def f(email):
    send_mail(email, "hi")  # not an LLM call`,
      ],
      invalid: [
        {
          code: `from openai import OpenAI
client = OpenAI()
def remind(user, card):
    prompt = f"Write a reminder to {user.email} about card {card.number}"
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])`,
          errors: [{ line: 4, column: 37, message: '`email` (an e-mail address) is formatted into an LLM prompt and sent to the model provider.' }, { line: 4, column: 61, message: '`card.number` (payment card or bank data) is formatted into an LLM prompt and sent to the model provider.' }],
        },
        {
          code: `import anthropic
c = anthropic.Anthropic()
def ask(form):
    return c.messages.create(model="m", max_tokens=100, messages=[{"role": "user", "content": "Check this SSN: %s" % form["ssn"]}])`,
          lines: [4],
        },
        {
          code: `import litellm
def ask(password):
    return litellm.completion(model="m", messages=[{"role": "user", "content": "Is this strong? " + password}])`,
          lines: [3],
        },
      ],
    });
  });
});

describe('KR802/KR803 suppression comments', () => {
  it('parses ids and reasons', () => {
    expect(parseSuppressionComment('# nosec')).toEqual({ tool: 'nosec', ids: [], offset: 0 });
    expect(parseSuppressionComment('# nosec B602, B607 -- constant command')).toMatchObject({ ids: ['B602', 'B607'], justification: 'constant command' });
    expect(parseSuppressionComment('# nosec B602: constant command')).toMatchObject({ ids: ['B602'], justification: 'constant command' });
    expect(parseSuppressionComment('# nosec: B602')).toMatchObject({ ids: ['B602'] });
    expect(parseSuppressionComment('# nosec: B602')?.justification).toBeUndefined();
    expect(parseSuppressionComment('# noqa: S603 # argv list, no shell')).toMatchObject({ tool: 'noqa', ids: ['S603'], justification: 'argv list, no shell' });
    expect(parseSuppressionComment('# type: ignore')).toBeUndefined();
  });
  it('KR802 flags suppressions with no reason', () => {
    testRule('KR802', {
      valid: [
        'subprocess.run(cmd, shell=True)  # nosec B602 -- cmd is a constant',
        'x = 1  # noqa: E501',
        'subprocess.run(args)  # noqa: S603 argv list from a constant',
      ],
      invalid: [
        { code: 'subprocess.run(cmd, shell=True)  # nosec B602', errors: [{ line: 1, column: 34, message: '`# nosec B602` gives no reason: say why the finding is safe to ignore.' }] },
        { code: 'subprocess.run(args)  # noqa: S603', lines: [1] },
        { code: 'x = yaml.load(t)  # nosec', lines: [1] },
      ],
    });
  });
  it('KR803 flags blanket nosec, even with a reason', () => {
    testRule('KR803', {
      valid: ['subprocess.run(cmd, shell=True)  # nosec B602 -- constant', 'x = 1  # noqa: S101'],
      invalid: [
        { code: 'x = yaml.load(t)  # nosec', errors: [{ line: 1, column: 19, message: 'Blanket `# nosec` silences every check on this statement: name the check ids it is meant for (`# nosec B602 -- reason`).' }] },
        { code: 'x = yaml.load(t)  # nosec -- trusted file', lines: [1] },
      ],
    });
  });
  it('a finding about a suppression comment is not silenced by that comment', () => {
    const found = runOn('import yaml\nx = yaml.load(t)  # nosec', ['B506', 'KR802', 'KR803']);
    expect(found.map((f) => f.ruleId).sort()).toEqual(['KR802', 'KR803']);
    expect(found[0]!.location.startColumn).toBe(18);
  });
});
