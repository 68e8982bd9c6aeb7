/**
 * Triage precision (issue 14): verdicts for safe programs that used to be `unknown` —
 * code objects made by compile(), pure functions of constants, conversions and regular
 * expressions as guards, HMAC authenticity checks before deserialising, XML parser
 * objects, and deserialiser loaders. Each case has a vulnerable twin that stays active.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings as all, lineOf } from '../helpers/triage-helpers.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { scan } from '../../src/pipeline/scan.js';

async function run(code: string): Promise<Report> {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-precision-'));
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'app.py'), code);
  return scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
}

/** The finding of `rule` on the line marked `# sink`. */
async function verdictOf(code: string, rule: string): Promise<Finding> {
  const r = await run(code);
  const line = lineOf(code, '# sink');
  const f = all(r).find((x) => x.ruleId === rule && x.location.startLine === line);
  if (!f) throw new Error(`no ${rule} at line ${line}; got ${all(r).map((x) => `${x.ruleId}@${x.location.startLine}`).join(' ')}`);
  return f;
}

async function expectVerdict(code: string, rule: string, kind: string, reason?: RegExp): Promise<Finding> {
  const f = await verdictOf(code, rule);
  expect(f.verdict?.kind, `${rule} in:\n${code}\nreason: ${f.verdict?.reason}`).toBe(kind);
  expect(f.status ?? 'active').toBe(['constant', 'sanitised', 'safe-configuration'].includes(kind) ? 'dismissed' : 'active');
  if (reason) expect(f.verdict!.reason).toMatch(reason);
  return f;
}

const FLASK = 'from flask import request\n';

describe('code objects: exec/eval of compile() follow compile\'s source', () => {
  it('exec(compile(CONSTANT, ...)) is constant; compiled request data is reachable', async () => {
    await expectVerdict('def f():\n    exec(compile("x = 1", "<s>", "exec"))  # sink\n', 'B102', 'constant', /compile\(\).*"x = 1"/);
    const v = `${FLASK}def f():\n    exec(compile(request.form["c"], "<s>", "exec"))  # sink\n`;
    const f = await expectVerdict(v, 'B102', 'reachable');
    expect(f.trace?.[0]?.kind).toBe('source');
  });

  it('code = compile(...); exec(code) follows the name; eval(compile(...)) too', async () => {
    await expectVerdict('SRC = "print(1)"\ndef f():\n    code = compile(SRC, "<s>", "exec")\n    exec(code)  # sink\n', 'B102', 'constant');
    await expectVerdict(`${FLASK}def f():\n    code = compile(request.args["e"], "<s>", "exec")\n    exec(code)  # sink\n`, 'B102', 'reachable');
    await expectVerdict('def f():\n    return eval(compile("6 * 7", "<e>", "eval"))  # sink\n', 'B307', 'constant');
    await expectVerdict(`${FLASK}def f():\n    return eval(compile(request.args["e"], "<e>", "eval"))  # sink\n`, 'B307', 'reachable');
  });

  it('a sanitised source is sanitised; an unknown source stays unknown; a module function named compile is not the builtin', async () => {
    const ok = `${FLASK}def f():\n    e = request.args["e"]\n    if e not in ("1 + 1", "2 * 3"):\n        return\n    return eval(compile(e, "<e>", "eval"))  # sink\n`;
    await expectVerdict(ok, 'B307', 'sanitised');
    await expectVerdict('def f(src):\n    exec(compile(src, "<s>", "exec"))  # sink\n', 'B102', 'unknown');
    await expectVerdict('def compile(a, b, c):\n    return a\ndef f(src):\n    exec(compile("x = 1", src, "exec"))  # sink\n', 'B102', 'unknown');
  });
});

describe('pure functions of constants are constants (models/pure.ts)', () => {
  it('a constant dict entry through bytes.fromhex into marshal.loads is constant; the tainted entry is reachable', async () => {
    const code = (key: string) => `import marshal\n${FLASK}def f():\n    mapping = {"keyA": request.args["a"], "keyB": "e901000000"}  # source\n    bar = mapping["${key}"]\n    return marshal.loads(bytes.fromhex(bar))  # sink\n`;
    await expectVerdict(code('keyB'), 'B302', 'constant', /constants/);
    const f = await expectVerdict(code('keyA'), 'B302', 'reachable');
    expect(f.trace?.[0]?.location.startLine).toBe(4);
  });

  const CASES: { rule: string; imp: string; safe: string; vuln: string }[] = [
    { rule: 'B301', imp: 'import pickle, base64', safe: 'pickle.loads(base64.b64decode(BLOB))', vuln: 'pickle.loads(base64.b64decode(request.data))' },
    { rule: 'B102', imp: 'import zlib', safe: 'exec(zlib.decompress(PAYLOAD).decode())', vuln: 'exec(zlib.decompress(request.data).decode())' },
    { rule: 'B307', imp: 'import json', safe: 'eval(json.loads(\'"6 * 7"\'))', vuln: 'eval(json.loads(request.data))' },
    { rule: 'B301', imp: 'import pickle, codecs', safe: 'pickle.loads(codecs.decode(HEX, "hex"))', vuln: 'pickle.loads(codecs.decode(request.args["h"], "hex"))' },
    { rule: 'B307', imp: '', safe: 'eval(str(42) + "+1")', vuln: 'eval(str(request.args["n"]) + "+1")' },
  ];
  for (const c of CASES) {
    it(`${c.rule}: ${c.safe} is constant; ${c.vuln} is reachable`, async () => {
      const head = `${c.imp}\n${FLASK}BLOB = b"gARLAS4="\nPAYLOAD = b"x\\x9c+\\xc9\\x07\\x00\\x02\\x95\\x01\\x17"\nHEX = "80044b012e"\n`;
      await expectVerdict(`${head}def f():\n    return ${c.safe}  # sink\n`, c.rule, 'constant');
      await expectVerdict(`${head}def f():\n    return ${c.vuln}  # sink\n`, c.rule, 'reachable');
    });
  }

  it('a pure function of a value krait cannot follow stays unknown', async () => {
    await expectVerdict('import marshal\ndef f(h):\n    return marshal.loads(bytes.fromhex(h))  # sink\n', 'B302', 'unknown');
    await expectVerdict('import pickle\ndef f(h):\n    return pickle.loads(open(h, "rb").read().strip())  # sink\n', 'B301', 'unknown');
  });
});

describe('pure functions: shadowed builtins are not pure', () => {
  it('a module function named str is not the builtin', async () => {
    await expectVerdict('import os\ndef str(x):\n    return os.environ["CMD"]\ndef f():\n    os.system(str(1))  # sink\n', 'B605', 'unknown');
  });
});

describe('authenticity guard: hmac.compare_digest before deserialising', () => {
  const app = (body: string) => `import hmac, hashlib, pickle, os\nfrom flask import request, abort\nSECRET = os.environ["SECRET"].encode()\ndef f():\n    blob = request.data  # source\n    sig = request.headers["X-Sig"]\n${body.replace(/^/gm, '    ')}\n`;
  const SAFE: [string, string][] = [
    ['hmac.new(...).hexdigest() and an abort', 'expected = hmac.new(SECRET, blob, hashlib.sha256).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    abort(403)\nreturn pickle.loads(blob)  # sink'],
    ['hmac.digest(...) inline and a raise', 'if not hmac.compare_digest(hmac.digest(SECRET, blob, "sha256"), sig):\n    raise PermissionError("bad signature")\nreturn pickle.loads(blob)  # sink'],
    ['a key read from the environment in the view (the operator\'s secret), the message sliced from a decoded blob', 'key = os.environ["PAYLOAD_KEY"].encode()\nsig2, body = blob[:32], blob[32:]\nexpected = hmac.new(key, body, hashlib.sha256).digest()\nif not hmac.compare_digest(sig2, expected):\n    abort(403)\nreturn pickle.loads(body)  # sink'],
    ['a bound HMAC object, the load inside the branch where it holds', 'mac = hmac.new(SECRET, msg=blob, digestmod=hashlib.sha256)\nif hmac.compare_digest(mac.digest(), sig):\n    return pickle.loads(blob)  # sink\nabort(403)'],
  ];
  for (const [name, body] of SAFE) {
    it(`${name}: sanitised, naming the HMAC check`, async () => {
      await expectVerdict(app(body), 'B301', 'sanitised', /HMAC signature check `.*compare_digest/);
    });
  }
  const VULN: [string, string][] = [
    ['an unkeyed hash proves nothing', 'expected = hashlib.sha256(blob).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    abort(403)\nreturn pickle.loads(blob)  # sink'],
    ['== on something unrelated', 'if sig != request.cookies.get("sig"):\n    abort(403)\nreturn pickle.loads(blob)  # sink'],
    ['a check that does not stop the path', 'expected = hmac.new(SECRET, blob, hashlib.sha256).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    print("bad signature")\nreturn pickle.loads(blob)  # sink'],
    ['the value loaded is not the value verified', 'other = request.form["o"]\nexpected = hmac.new(SECRET, blob, hashlib.sha256).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    abort(403)\nreturn pickle.loads(other)  # sink'],
    ['a key the attacker chose', 'key = request.args["k"].encode()\nexpected = hmac.new(key, blob, hashlib.sha256).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    abort(403)\nreturn pickle.loads(blob)  # sink'],
  ];
  for (const [name, body] of VULN) {
    it(`${name}: reachable`, async () => {
      await expectVerdict(app(body), 'B301', 'reachable');
    });
  }

  // A helper that verifies a token it is given (no source in sight): the check still settles the load.
  const helper = (check: string, key = 'os.environ["SECRET"].encode()') =>
    `import base64, hmac, hashlib, pickle, os\nKEY = ${key}\ndef _sign(p):\n    return hmac.new(KEY, p, hashlib.sha256).hexdigest()\ndef load(token):\n    payload, signature = token.rsplit(".", 1)\n${check.replace(/^/gm, '    ')}\n    return pickle.loads(base64.urlsafe_b64decode(payload.encode()))  # sink\n`;
  it('a parameter verified through a signing helper, signature and message encoded: sanitised', async () => {
    await expectVerdict(helper('if not hmac.compare_digest(_sign(payload.encode()).encode(), signature.encode()):\n    raise ValueError("bad signature")'), 'B301', 'sanitised', /HMAC signature check/);
    await expectVerdict(helper('expected = hmac.new(KEY, payload.encode(), hashlib.sha256).hexdigest()\nif not hmac.compare_digest(expected, signature):\n    return None'), 'B301', 'sanitised', /HMAC signature check/);
  });
  it('the same helper with a check that does not stop the path, or verifying another value, stays unknown', async () => {
    await expectVerdict(helper('if not hmac.compare_digest(_sign(payload.encode()).encode(), signature.encode()):\n    print("bad signature")'), 'B301', 'unknown');
    await expectVerdict(helper('if not hmac.compare_digest(_sign(signature.encode()).encode(), payload.encode()):\n    raise ValueError("bad signature")'), 'B301', 'unknown');
  });
  it('a signing method of the class (self._sign(blob)): sanitised; a check that does not stop the path: unknown', async () => {
    const code = (fail: string) =>
      `import base64, hmac, hashlib, pickle\nclass Codec:\n    def __init__(self, secret):\n        self.secret = secret\n    def _sign(self, blob):\n        return hmac.new(self.secret, blob, hashlib.sha256).hexdigest()\n    def loads(self, token):\n        encoded, _, signature = token.rpartition(".")\n        blob = encoded.encode("ascii")\n        if not hmac.compare_digest(signature, self._sign(blob)):\n            ${fail}\n        return pickle.loads(base64.urlsafe_b64decode(blob))  # sink\n`;
    await expectVerdict(code('raise ValueError("bad signature")'), 'B301', 'sanitised', /HMAC signature check/);
    await expectVerdict(code('print("bad signature")'), 'B301', 'unknown');
  });
  it('a verified value decoded to text stays safe to deserialise (yaml with the full loader)', async () => {
    const code = (check: string) => `import base64, hmac, hashlib, os, yaml\nKEY = os.environ["K"].encode()\ndef load(payload, signature):\n    if not hmac.compare_digest(hmac.new(KEY, payload, hashlib.sha256).hexdigest(), signature):\n        ${check}\n    return yaml.load(base64.b64decode(payload).decode("utf-8"), Loader=yaml.Loader)  # sink\n`;
    await expectVerdict(code('raise ValueError("bad")'), 'B506', 'sanitised', /HMAC signature check/);
    await expectVerdict(code('print("bad")'), 'B506', 'unknown');
  });
  it('decoding keeps a verified value safe to deserialise only: decoded, it is no safer for a shell', async () => {
    const code = 'import base64, hmac, hashlib, os, shlex\nKEY = os.environ["K"].encode()\ndef run(payload, signature):\n    if not hmac.compare_digest(hmac.new(KEY, payload, hashlib.sha256).hexdigest(), signature):\n        raise ValueError("bad")\n    os.system(base64.b64decode(payload).decode())  # sink\n';
    await expectVerdict(code, 'B605', 'unknown');
    // Letters and digits decode to any bytes at all.
    await expectVerdict('import base64, os, re\ndef run(p):\n    if not re.fullmatch(r"[A-Za-z0-9]+", p):\n        raise ValueError("bad")\n    os.system("echo " + base64.b64decode(p).decode())  # sink\n', 'B605', 'unknown');
    await expectVerdict('import os, re\ndef run(p):\n    if not re.fullmatch(r"[A-Za-z0-9]+", p):\n        raise ValueError("bad")\n    os.system("echo " + p)  # sink\n', 'B605', 'sanitised');
    // A quoted value decoded is not quoted any more.
    await expectVerdict('import base64, os, shlex\ndef run(x):\n    os.system("ls " + base64.b64decode(shlex.quote(x)).decode())  # sink\n', 'B605', 'unknown');
  });

  it('the HMAC check clears deserialisation only: the verified value still reaches a shell', async () => {
    const code = app('expected = hmac.new(SECRET, blob, hashlib.sha256).hexdigest()\nif not hmac.compare_digest(sig, expected):\n    abort(403)\nos.system(blob)  # sink');
    await expectVerdict(code, 'B605', 'reachable');
  });
});

describe('XML parser objects (CWE-611)', () => {
  const SAX = 'import xml.sax\nfrom xml.sax.handler import feature_external_ges\n';
  it('make_parser() with external entities set off is safe-configuration; set on it stays active', async () => {
    const code = (v: string) => `${SAX}def f(data):\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, ${v})\n    parser.parse(data)\n`;
    await expectVerdict(code('False'), 'B317', 'safe-configuration');
    await expectVerdict(code('True'), 'B317', 'unknown', /external entities.*line 5/);
    // A flag krait cannot fold may be true.
    await expectVerdict(`${SAX}def f(data, flag):\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, flag)\n    parser.parse(data)\n`, 'B317', 'unknown');
  });

  it('a parser with external entities on: request data is reachable, a constant document constant', async () => {
    const code = (doc: string) => `import io\n${SAX}${FLASK}def f():\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, True)\n    parser.parse(io.StringIO(${doc}))\n`;
    // An in-memory stream's document is the text it was made from (directly or through a name bound once).
    const f = await expectVerdict(code('request.data'), 'B317', 'reachable', /HTTP request data/);
    expect(f.trace?.[0]?.kind).toBe('source');
    await expectVerdict(code('"<a/>"'), 'B317', 'constant', /every document this parser reads is a constant/);
    await expectVerdict(code('open("feed.xml").read()'), 'B317', 'unknown');
    await expectVerdict(`import io\n${SAX}def f():\n    doc = io.BytesIO(b"<a/>")\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, True)\n    parser.parse(doc)\n`, 'B317', 'constant');
    await expectVerdict(`${SAX}def f():\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, True)\n    parser.feed("<a/>")\n    parser.close()\n`, 'B317', 'constant', /every document this parser reads is a constant/);
  });

  const LXML = 'from lxml import etree\n';
  it('KR131: an lxml parser that resolves entities is constant when every use parses a constant document', async () => {
    const safe = `${LXML}def f():\n    parser = etree.XMLParser(resolve_entities=True, no_network=False)  # sink\n    a = etree.fromstring("<a/>", parser)\n    b = etree.XML(b"<b/>", parser=parser)\n    return a, b\n`;
    await expectVerdict(safe, 'KR131', 'constant', /lines 4, 5/);
    const direct = `${LXML}def f():\n    return etree.fromstring("<a/>", etree.XMLParser(load_dtd=True))  # sink\n`;
    await expectVerdict(direct, 'KR131', 'constant');
  });

  it('KR131: one tainted use is reachable; an unknown use, a file, or an escaping parser stay unknown', async () => {
    const tainted = `${LXML}${FLASK}def f():\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    etree.fromstring("<a/>", parser)\n    return etree.fromstring(request.data, parser)\n`;
    const f = await expectVerdict(tainted, 'KR131', 'reachable', /line 6/);
    expect(f.trace?.[0]?.location.startLine).toBe(6);
    await expectVerdict(`${LXML}def f(data):\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    return etree.fromstring(data, parser)\n`, 'KR131', 'unknown');
    await expectVerdict(`${LXML}def f():\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    return etree.parse("config.xml", parser)\n`, 'KR131', 'unknown', /file/);
    await expectVerdict(`${LXML}def f():\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    etree.fromstring("<a/>", parser)\n    return parser\n`, 'KR131', 'unknown', /escapes/);
    await expectVerdict(`${LXML}def f(h):\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    h(parser)\n`, 'KR131', 'unknown', /escapes/);
    await expectVerdict(`${LXML}class C:\n    def f(self):\n        self.parser = etree.XMLParser(resolve_entities=True)  # sink\n`, 'KR131', 'unknown', /local variable/);
    await expectVerdict(`${LXML}def f(docs):\n    parser = etree.XMLParser(resolve_entities=True)  # sink\n    return [etree.fromstring(d, parser) for d in docs]\n`, 'KR131', 'unknown');
  });

  it('pulldom.parseString(data, parser=parser) with a make_parser() parser follows data', async () => {
    const code = (doc: string) => `${SAX}from xml.dom import pulldom\n${FLASK}def f():\n    parser = xml.sax.make_parser()  # sink\n    parser.setFeature(feature_external_ges, True)\n    return pulldom.parseString(${doc}, parser=parser)\n`;
    await expectVerdict(code('"<a/>"'), 'B317', 'constant');
    await expectVerdict(code('request.data'), 'B317', 'reachable');
  });
});

describe('deserialisers are triaged alike', () => {
  const CASES: { rule: string; imp: string; safe: string; vuln: string }[] = [
    { rule: 'B301', imp: 'import jsonpickle', safe: 'jsonpickle.decode(\'{"py/object": "builtins.int"}\')', vuln: 'jsonpickle.decode(request.data)' },
    { rule: 'B301', imp: 'import jsonpickle', safe: 'jsonpickle.decode(string="[1, 2]")', vuln: 'jsonpickle.decode(string=request.data)' },
    { rule: 'B301', imp: 'import dill', safe: 'dill.loads(b"\\x80\\x04K\\x01.")', vuln: 'dill.loads(request.data)' },
    { rule: 'B301', imp: 'import pickle', safe: 'pickle.loads(data=b"\\x80\\x04K\\x01.")', vuln: 'pickle.loads(data=request.data)' },
    { rule: 'B302', imp: 'import marshal', safe: 'marshal.loads(b"\\xe9\\x01\\x00\\x00\\x00")', vuln: 'marshal.loads(request.data)' },
    { rule: 'B506', imp: 'import yaml', safe: 'yaml.load("a: 1", Loader=yaml.Loader)', vuln: 'yaml.load(request.data, Loader=yaml.Loader)' },
  ];
  for (const c of CASES) {
    it(`${c.rule}: ${c.safe} is constant; ${c.vuln} is reachable`, async () => {
      await expectVerdict(`${c.imp}\n${FLASK}def f():\n    return ${c.safe}  # sink\n`, c.rule, 'constant');
      await expectVerdict(`${c.imp}\n${FLASK}def f():\n    return ${c.vuln}  # sink\n`, c.rule, 'reachable');
    });
  }

  it('the file readers (shelve.open, pickle.load, marshal.load) of a fixed path read what the application put there: constant', async () => {
    await expectVerdict('import shelve\ndef f():\n    return shelve.open("cache.db")  # sink\n', 'B301', 'constant', /fixed path `"cache.db"`/);
    await expectVerdict('import marshal\ndef f():\n    return marshal.load(open("x.bin", "rb"))  # sink\n', 'B302', 'constant', /fixed path/);
    await expectVerdict('import marshal\ndef f(p):\n    return marshal.load(open(p, "rb"))  # sink\n', 'B302', 'unknown', /file/);
  });

  it('yaml.load with a loader from a local factory returning yaml.SafeLoader is safe-configuration even for request data (the flow rule does not override it)', async () => {
    const code = (loader: string) => `import yaml\n${FLASK}def get_loader():\n    return ${loader}\ndef f():\n    return yaml.load(request.data, Loader=get_loader())  # sink\n`;
    const safe = await expectVerdict(code('yaml.SafeLoader'), 'B506', 'safe-configuration', /SafeLoader/);
    expect(safe.relatedRuleIds ?? []).toEqual([]);
    const r = await run(code('yaml.SafeLoader'));
    expect(all(r).filter((f) => f.ruleId === 'KR109')).toEqual([]);
    await expectVerdict(code('yaml.UnsafeLoader'), 'B506', 'reachable');
  });
});

describe('regular-expression validators in triage', () => {
  const code = (check: string) => `import re, subprocess\n${FLASK}NAME = r"[A-Za-z0-9_]+"\nANY = re.compile(r".*")\nWORD = re.compile(NAME)\ndef f():\n    v = request.args["v"]  # source\n${check.replace(/^/gm, '    ')}\n    subprocess.call("convert " + v, shell=True)  # sink\n`;
  it('re.fullmatch(NAME, v) with a module constant pattern, and a compiled WORD.fullmatch(v), sanitise the command', async () => {
    await expectVerdict(code('if not re.fullmatch(NAME, v):\n    raise ValueError(v)'), 'B602', 'sanitised', /re\.fullmatch\(NAME, v\)/);
    await expectVerdict(code('if not WORD.fullmatch(v):\n    return "bad"'), 'B602', 'sanitised');
    await expectVerdict(code('if not re.fullmatch(r"[a-z]+|[0-9]+", v):\n    return "bad"'), 'B602', 'sanitised');
  });
  it('.* clears nothing; re.match without an end anchor clears nothing', async () => {
    await expectVerdict(code('if not ANY.fullmatch(v):\n    raise ValueError(v)'), 'B602', 'reachable');
    await expectVerdict(code('if not re.match(NAME, v):\n    raise ValueError(v)'), 'B602', 'reachable');
  });
});

describe('values pinned to constants', () => {
  it('a value from a file checked against a list of constant literals is constant where the check holds', async () => {
    const code = (check: string) => `def f(path):\n    for line in open(path):\n        value = line.strip()\n        if ${check}:\n            value = eval(value)  # sink\n`;
    await expectVerdict(code('value in ["True", "False", "None"]'), 'B307', 'constant');
    await expectVerdict(code('value == "None"'), 'B307', 'constant');
    // A check that pins nothing (a list with a computed element, a prefix test) leaves it unknown.
    await expectVerdict(code('value in ["True", path]'), 'B307', 'unknown');
    await expectVerdict(code('value.startswith("T")'), 'B307', 'unknown');
  });

  it('request data checked against an allow-list stays sanitised (the reason names the check); the branch where it fails stays reachable', async () => {
    const ok = `${FLASK}def f():\n    v = request.args["v"]  # source\n    if v in ("1 + 1", "2 * 3"):\n        return eval(v)  # sink\n`;
    await expectVerdict(ok, 'B307', 'sanitised', /v in/);
    const bad = `${FLASK}def f():\n    v = request.args["v"]  # source\n    if v not in ("1 + 1", "2 * 3"):\n        return eval(v)  # sink\n`;
    await expectVerdict(bad, 'B307', 'reachable');
  });

  it('the loop variable over a constant collection is constant; over a parameter it is not', async () => {
    await expectVerdict('NAMES = ["abs", "len"]\ndef f():\n    for n in NAMES:\n        print(eval(n).__doc__)  # sink\n', 'B307', 'constant');
    await expectVerdict('def f(names):\n    for n in names:\n        print(eval(n).__doc__)  # sink\n', 'B307', 'unknown');
    await expectVerdict(`${FLASK}def f():\n    for n in request.args.getlist("n"):\n        print(eval(n))  # sink\n`, 'B307', 'reachable');
  });
});

describe('dict.get of a key a tracked dict does not hold is its default', () => {
  const view = (body: string) => `${FLASK}def f(extra):\n    v = request.args.get("v", "")\n${body.replace(/^/gm, '    ')}\n`;
  it('a dict literal with constant keys: .get() of another key is the constant default (also through compile())', async () => {
    await expectVerdict(view('opts = {"target": v}\nexec(opts.get("fallback", "default"))  # sink'), 'B102', 'constant', /"default"/);
    await expectVerdict(view('opts = {"target": v}\ncode = compile(opts.get("fallback", "pass"), "<x>", "exec")\nexec(code)  # sink'), 'B102', 'constant');
  });
  it('the key it holds, or a dict that may have gained unknown keys, is not constant', async () => {
    await expectVerdict(view('opts = {"target": v}\nexec(opts.get("target", "default"))  # sink'), 'B102', 'reachable');
    await expectVerdict(view('opts = {"target": "x"}\nopts[request.args["k"]] = v\nexec(opts.get("fallback", "default"))  # sink'), 'B102', 'reachable');
    await expectVerdict(view('opts = {"target": "x"}\nopts.update(request.args)\nexec(opts.get("fallback", "default"))  # sink'), 'B102', 'reachable');
    await expectVerdict(view('opts = {"target": "x"}\nopts.setdefault(extra, "y")\nexec(opts.get("fallback", "default"))  # sink'), 'B102', 'unknown');
  });
  it('a dict that escapes (passed to a call, aliased, captured) may hold any key: not constant', async () => {
    await expectVerdict(view('opts = {}\nextra.fill(opts)\nexec(opts.get("code", "pass"))  # sink'), 'B102', 'unknown');
    await expectVerdict(view('opts = {}\nload_into(opts)\nexec(opts.get("code", "pass"))  # sink'), 'B102', 'unknown');
    await expectVerdict(view('opts = {"a": "b"}\nalias = opts\nalias["code"] = v\nexec(opts.get("code", "pass"))  # sink'), 'B102', 'unknown');
    await expectVerdict(view('opts = {"a": "b"}\ncb = lambda: opts.update(request.args)\ncb()\nexec(opts.get("code", "pass"))  # sink'), 'B102', 'unknown');
  });
});

describe('a tracked container that escapes loses the elements it knew', () => {
  const fn = (body: string) => `import os\nimport json\n\ndef update(d):\n    d["cmd"] = input()\n\ndef f(extra):\n${body.replace(/^/gm, '    ')}\n`;
  it('passed to a function that may change it: its known element is no longer constant', async () => {
    await expectVerdict(fn('config = {"cmd": "ls"}\nupdate(config)\nos.system(config["cmd"])  # sink'), 'B605', 'unknown');
    await expectVerdict(fn('cmds = ["ls"]\nextra.rewrite(cmds)\nos.system(cmds[0])  # sink'), 'B605', 'unknown');
    await expectVerdict(fn('config = {"cmd": "ls"}\nextra.apply(options=config)\nos.system(config["cmd"])  # sink'), 'B605', 'unknown');
  });
  it('aliased and changed through the alias, or captured and changed by a nested function', async () => {
    await expectVerdict(fn('config = {"cmd": "ls"}\nalias = config\nalias["cmd"] = extra\nos.system(config["cmd"])  # sink'), 'B605', 'unknown');
    await expectVerdict(fn('config = {"cmd": "ls"}\ndef g():\n    config["cmd"] = input()\ng()\nos.system(config["cmd"])  # sink'), 'B605', 'unknown');
  });
  it('read by functions that do not change it: still constant', async () => {
    await expectVerdict(fn('config = {"cmd": "ls"}\nprint(config, len(config), json.dumps(config))\nos.system(config["cmd"])  # sink'), 'B605', 'constant');
    await expectVerdict(fn('config = {"cmd": "ls"}\nos.system(config["cmd"])  # sink'), 'B605', 'constant');
    await expectVerdict(fn('cmds = ["ls", "-l"]\nif isinstance(cmds, list) and sorted(cmds):\n    os.system(cmds[0])  # sink'), 'B605', 'constant');
  });
});

describe('containers of constants: a tracked list or dict whose every element is constant', () => {
  it('" ".join(parts) and "{a} {b}".format(**d) of constant elements are constant; a request element is reachable', async () => {
    await expectVerdict('import os\ndef f():\n    parts = ["ls", "-l", "."]\n    os.system(" ".join(parts))  # sink\n', 'B605', 'constant');
    await expectVerdict('import os\ndef f():\n    d = {"a": "ls", "b": "-l"}\n    os.system("{a} {b}".format(**d))  # sink\n', 'B605', 'constant');
    await expectVerdict(`import os\n${FLASK}def f():\n    parts = ["ls", "-l"]\n    parts.append(request.args["d"])\n    os.system(" ".join(parts))  # sink\n`, 'B605', 'reachable');
    await expectVerdict(`import os\n${FLASK}def f():\n    d = {"a": "ls"}\n    d["b"] = request.args["d"]\n    os.system("{a} {b}".format(**d))  # sink\n`, 'B605', 'reachable');
  });

  it('a list another name or a function may have changed stays unknown', async () => {
    await expectVerdict('import os\ndef f(x):\n    parts = ["ls"]\n    other = parts\n    other.append(x)\n    os.system(" ".join(parts))  # sink\n', 'B605', 'unknown');
    await expectVerdict('import os\ndef f(helper):\n    parts = ["ls"]\n    helper(parts)\n    os.system(" ".join(parts))  # sink\n', 'B605', 'unknown');
  });
});
