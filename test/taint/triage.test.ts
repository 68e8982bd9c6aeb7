/**
 * Triage (src/taint/triage.ts) through `scan()` on temporary projects: for every rule the
 * reasoning layer judges, a vulnerable twin that stays active with verdict `reachable`
 * (and a trace from the source, the merged flow rule, confidence high) and a safe twin
 * that is dismissed with the right verdict kind; then constant folding, sanitisers,
 * guards, import findings, merging and how dismissed findings travel through the
 * filters, the baseline and the reports.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings as all, lineOf } from '../helpers/triage-helpers.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { scan, type ScanOptions } from '../../src/pipeline/scan.js';
import { TRIAGE_RULES } from '../../src/taint/triage.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { writeBaseline } from '../../src/report/baseline.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-triage-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** Scan `app.py` (and other files) with the code rules only, no configuration unless given. */
async function run(code: string, opts: Partial<ScanOptions> = {}, files: Record<string, string> = {}): Promise<Report> {
  const root = tree({ 'app.py': code, ...files });
  return scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'], ...opts });
}

/** The 1-based line holding `marker` (a comment such as `# sink`). */
function findingAt(r: Report, ruleId: string, line: number): Finding {
  const f = all(r).find((x) => x.ruleId === ruleId && x.location.startLine === line);
  if (!f) throw new Error(`no ${ruleId} at line ${line}; got ${all(r).map((x) => `${x.ruleId}@${x.location.startLine}`).join(' ')}`);
  return f;
}

/** The vulnerable twin: active, reachable, a trace from the source line to the sink. */
function expectReachable(r: Report, ruleId: string, code: string, flow?: string, confidence = true): Finding {
  const f = findingAt(r, ruleId, lineOf(code, '# sink'));
  expect(f.status ?? 'active').toBe('active');
  expect(r.findings).toContain(f);
  expect(f.verdict?.kind).toBe('reachable');
  expect(f.trace?.[0]?.kind).toBe('source');
  expect(f.trace![0]!.location.startLine).toBe(lineOf(code, '# source'));
  expect(f.trace!.at(-1)!.kind).toBe('sink');
  if (flow) {
    expect(f.relatedRuleIds).toContain(flow);
    // The flow finding merged: it is not reported on its own as well.
    expect(all(r).filter((x) => x.ruleId === flow)).toEqual([]);
  }
  if (confidence) expect(f.confidence).toBe('high');
  return f;
}

/** The safe twin: dismissed (in report.dismissed only) with this verdict kind and a reason. */
function expectDismissed(r: Report, ruleId: string, line: number, kind: string): Finding {
  const f = findingAt(r, ruleId, line);
  expect(f.status).toBe('dismissed');
  expect(f.verdict?.kind).toBe(kind);
  expect(f.verdict?.reason.length).toBeGreaterThan(10);
  expect(r.dismissed).toContain(f);
  expect(r.findings).not.toContain(f);
  return f;
}

const FLASK = 'from flask import request\n';

interface Pair {
  rule: string;
  /** Flow rule expected to merge into the vulnerable twin. */
  flow?: string;
  vulnerable: string;
  safe: string | null;
  /** Verdict of the safe twin (default `constant`). */
  kind?: string;
  /** The vulnerable twin's confidence is not asserted (no flow rule merges, see below). */
  noConfidence?: boolean;
}

// One pair per rule in TRIAGE_RULES. `# source` marks the source line, `# sink` the finding.
const PAIRS: Pair[] = [
  { rule: 'B602', flow: 'KR102', vulnerable: `import subprocess\n${FLASK}def f():\n    subprocess.call(request.args["c"], shell=True)  # source # sink\n`, safe: 'import subprocess\ndef f():\n    subprocess.call("ls -l", shell=True)  # sink\n' },
  { rule: 'B603', flow: 'KR102', vulnerable: `import subprocess\n${FLASK}def f():\n    prog = request.args["p"]  # source\n    subprocess.run([prog, "-x"])  # sink\n`, safe: 'import subprocess\ndef f():\n    subprocess.run(["ls", "-l"])  # sink\n' },
  { rule: 'B604', vulnerable: `${FLASK}def f():\n    mytool(request.args["c"], shell=True)  # source # sink\n`, safe: 'def f():\n    mytool("ls", shell=True)  # sink\n', noConfidence: true },
  { rule: 'B605', flow: 'KR102', vulnerable: `import os\n${FLASK}def f():\n    os.system(request.args["c"])  # source # sink\n`, safe: 'import os\ndef f():\n    os.system("ls")  # sink\n' },
  { rule: 'B606', flow: 'KR102', vulnerable: `import os\n${FLASK}def f():\n    os.execl(request.args["c"], "x")  # source # sink\n`, safe: 'import os\ndef f():\n    os.spawnl(os.P_WAIT, "/bin/ls", "ls")  # sink\n' },
  { rule: 'B601', flow: 'KR102', vulnerable: `import paramiko\n${FLASK}def f():\n    c = paramiko.SSHClient()\n    c.exec_command(request.args["c"])  # source # sink\n`, safe: 'import paramiko\ndef f():\n    c = paramiko.SSHClient()\n    c.exec_command("uptime")  # sink\n' },
  { rule: 'B307', flow: 'KR103', vulnerable: `${FLASK}def f():\n    return eval(request.args["e"])  # source # sink\n`, safe: 'def f():\n    return eval("6 * 7")  # sink\n' },
  { rule: 'B102', flow: 'KR103', vulnerable: `${FLASK}def f():\n    exec(request.form["code"])  # source # sink\n`, safe: 'def f():\n    exec("x = 1")  # sink\n' },
  { rule: 'B608', flow: 'KR101', vulnerable: `${FLASK}def f(cur):\n    name = request.args["n"]  # source\n    cur.execute("SELECT * FROM t WHERE a = '%s'" % name)  # sink\n`, safe: `TABLE = "users"\ndef f(cur):\n    cur.execute("SELECT * FROM %s" % TABLE)  # sink\n` },
  { rule: 'KR129', flow: 'KR101', vulnerable: `from sqlalchemy import text\n${FLASK}def f(db):\n    db.execute(text(f"SELECT * FROM t WHERE a = '{request.args['c']}'"))  # source # sink\n`, safe: 'from sqlalchemy import text\ndef f(db):\n    t = "users"\n    t = t + "_v2"\n    db.execute(text("SELECT * FROM " + t))  # sink\n' },
  { rule: 'B611', flow: 'KR101', vulnerable: `from django.db.models.expressions import RawSQL\n${FLASK}def f(qs):\n    return qs.annotate(x=RawSQL("select %s" % request.args["c"], []))  # source # sink\n`, safe: 'from django.db.models.expressions import RawSQL\ndef f(qs):\n    col = "age"\n    return qs.annotate(x=RawSQL("select %s" % col, []))  # sink\n' },
  { rule: 'B301', flow: 'KR109', vulnerable: `import pickle\n${FLASK}def f():\n    return pickle.loads(request.data)  # source # sink\n`, safe: 'import pickle\ndef f():\n    return pickle.loads(b"\\x80\\x04K\\x01.")  # sink\n' },
  { rule: 'B302', flow: 'KR109', vulnerable: `import marshal\n${FLASK}def f():\n    return marshal.loads(request.data)  # source # sink\n`, safe: 'import marshal\ndef f():\n    return marshal.loads(b"\\xe9\\x01\\x00\\x00\\x00")  # sink\n' },
  { rule: 'B506', flow: 'KR109', vulnerable: `import yaml\n${FLASK}def f():\n    return yaml.load(request.data)  # source # sink\n`, safe: 'import yaml\ndef f():\n    return yaml.load("a: 1")  # sink\n' },
  // torch.load's only constant argument is a path (see the it.fails below): no safe twin.
  { rule: 'B614', flow: 'KR109', vulnerable: `import torch\n${FLASK}def f():\n    return torch.load(request.files["m"])  # source # sink\n`, safe: null },
  { rule: 'B310', flow: 'KR105', vulnerable: `import urllib.request\n${FLASK}def f():\n    return urllib.request.urlopen(request.args["u"])  # source # sink\n`, safe: 'import urllib.request\ndef f():\n    return urllib.request.urlopen("https://example.com/")  # sink\n' },
  { rule: 'B308', flow: 'KR108', vulnerable: `from django.utils.safestring import mark_safe\n${FLASK}def f():\n    return mark_safe(request.args["u"])  # source # sink\n`, safe: 'from django.utils.safestring import mark_safe\ndef f():\n    return mark_safe("<b>hi</b>")  # sink\n' },
  // mark_safe is both B308 (call blacklist) and B703 (plugin); the flow merges into one of them, the other is reachable on its own.
  { rule: 'B703', vulnerable: `from django.utils.safestring import mark_safe\n${FLASK}def f():\n    return mark_safe(request.args["u"])  # source # sink\n`, safe: 'from django.utils.safestring import mark_safe\nGREETING = "<b>hi</b>"\ndef f():\n    return mark_safe(GREETING)  # sink\n', noConfidence: true },
  { rule: 'B704', flow: 'KR108', vulnerable: `from markupsafe import Markup\n${FLASK}def f():\n    return Markup(request.args["u"])  # source # sink\n`, safe: 'from markupsafe import Markup\nX = "<b>x</b>"\ndef f():\n    return Markup(X + "y")  # sink\n' },
];

describe('triage: one vulnerable/safe pair per triaged rule', () => {
  it('covers every rule in TRIAGE_RULES (XML rules below)', () => {
    const xml = ['B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319', 'KR131'];
    expect([...PAIRS.map((p) => p.rule), ...xml].sort()).toEqual([...TRIAGE_RULES.keys()].sort());
  });

  for (const p of PAIRS) {
    it(`${p.rule}: request data stays active as reachable${p.flow ? ` (merged ${p.flow})` : ''}${p.safe === null ? '' : `; the safe twin is dismissed as ${p.kind ?? 'constant'}`}`, async () => {
      const v = await run(p.vulnerable);
      expectReachable(v, p.rule, p.vulnerable, p.flow, !p.noConfidence);
      if (p.safe === null) return;
      const s = await run(p.safe);
      expectDismissed(s, p.rule, lineOf(p.safe, '# sink'), p.kind ?? 'constant');
      // Dismissed findings leave the score alone.
      expect(s.findings.filter((f) => f.ruleId === p.rule)).toEqual([]);
    });
  }

  it('raises the confidence of a reachable finding even when no flow rule merges into it (B604 stays low)', async () => {
    const p = PAIRS.find((x) => x.rule === 'B604')!;
    const f = findingAt(await run(p.vulnerable), 'B604', lineOf(p.vulnerable, '# sink'));
    expect(f.verdict?.kind).toBe('reachable');
    expect(f.confidence).toBe('high');
  });

  it('dismisses torch.load / shelve.open of a fixed path (the file the application names), not of a shared temporary one', async () => {
    const code = (dir: string) => `import shelve, torch\ndef f():\n    m = torch.load("${dir}model.pt")  # sink\n    return m, shelve.open("${dir}cache.db")\n`;
    const fixed = await run(code(''));
    expect(findingAt(fixed, 'B614', 3).verdict?.kind).toBe('constant');
    expect(findingAt(fixed, 'B301', 4).status).toBe('dismissed');
    const shared = await run(code('/tmp/'));
    expect(findingAt(shared, 'B614', 3).status ?? 'active').toBe('active');
    expect(findingAt(shared, 'B301', 4).status ?? 'active').toBe('active');
  });
});

const GES = 'from xml.sax.handler import feature_external_ges\ndef setup(p):\n    p.setFeature(feature_external_ges, True)\n';

// Each XML parser flagged on non-constant data: safe-configuration, unless the module turns
// external entities on (then unknown, active); a constant document is `constant`.
const XML_CALLS: { rule: string; imp: string; call: string }[] = [
  { rule: 'B313', imp: 'import xml.etree.cElementTree as CET', call: 'CET.fromstring(data)' },
  { rule: 'B314', imp: 'import xml.etree.ElementTree as ET', call: 'ET.fromstring(data)' },
  { rule: 'B316', imp: 'from xml.dom import expatbuilder', call: 'expatbuilder.parseString(data)' },
  { rule: 'B317', imp: 'import xml.sax', call: 'xml.sax.parseString(data, handler)' },
  { rule: 'B318', imp: 'from xml.dom import minidom', call: 'minidom.parseString(data)' },
  { rule: 'B319', imp: 'from xml.dom import pulldom', call: 'pulldom.parseString(data)' },
];

describe('triage: XML parsers', () => {
  for (const x of XML_CALLS) {
    it(`${x.rule}: request data is safe-configuration, a constant document constant, external entities turned on keep it active`, async () => {
      const safe = `${x.imp}\n${FLASK}handler = None\ndef f():\n    data = request.data\n    return ${x.call}  # sink\n`;
      expectDismissed(await run(safe), x.rule, lineOf(safe, '# sink'), 'safe-configuration');
      const constant = `${x.imp}\nhandler = None\ndef f():\n    data = "<a/>"\n    return ${x.call}  # sink\n`;
      expectDismissed(await run(constant), x.rule, lineOf(constant, '# sink'), 'constant');
      const unsafe = `${x.imp}\n${GES}handler = None\ndef f(data):\n    return ${x.call}  # sink\n`;
      const f = findingAt(await run(unsafe), x.rule, lineOf(unsafe, '# sink'));
      expect(f.status ?? 'active').toBe('active');
      expect(f.verdict?.kind).toBe('unknown');
      expect(f.verdict?.reason).toMatch(/external entities/);
    });
  }

  it('B315: create_parser() in a module that leaves external entities off is safe-configuration', async () => {
    const code = 'from xml.sax import expatreader\ndef f():\n    return expatreader.create_parser()  # sink\n';
    expectDismissed(await run(code), 'B315', lineOf(code, '# sink'), 'safe-configuration');
  });

  it('keeps a parser active when external entities are turned on through a constant', async () => {
    const code = `from xml.dom import minidom\nfrom xml.sax import make_parser\nfrom xml.sax.handler import feature_external_ges\nRESOLVE = True\ndef f(data):\n    p = make_parser()\n    p.setFeature(feature_external_ges, RESOLVE)\n    return minidom.parseString(data, parser=p)  # sink\n`;
    expect(findingAt(await run(code), 'B318', lineOf(code, '# sink')).status ?? 'active').toBe('active');
  });
});

describe('triage: import findings follow their uses', () => {
  const IMPORTS: { rule: string; imp: string; vulnerable: string; safe: string; kind: string; unsafeIsUnknown?: boolean }[] = [
    { rule: 'B403', imp: 'import pickle', vulnerable: 'pickle.loads(request.data)', safe: 'pickle.loads(b"\\x80\\x04K\\x01.")', kind: 'constant' },
    { rule: 'B404', imp: 'import subprocess', vulnerable: 'subprocess.call(request.args["c"], shell=True)', safe: 'subprocess.run(["ls", "-l"])', kind: 'constant' },
    { rule: 'B405', imp: 'import xml.etree.ElementTree as ET', vulnerable: 'ET.fromstring(data)', safe: 'ET.fromstring(request.data)', kind: 'safe-configuration', unsafeIsUnknown: true },
    { rule: 'B406', imp: 'import xml.sax', vulnerable: 'xml.sax.parseString(data, None)', safe: 'xml.sax.parseString(request.data, None)', kind: 'safe-configuration', unsafeIsUnknown: true },
    { rule: 'B408', imp: 'from xml.dom import minidom', vulnerable: 'minidom.parseString(data)', safe: 'minidom.parseString(request.data)', kind: 'safe-configuration', unsafeIsUnknown: true },
    { rule: 'B409', imp: 'from xml.dom import pulldom', vulnerable: 'pulldom.parseString(data)', safe: 'pulldom.parseString(request.data)', kind: 'safe-configuration', unsafeIsUnknown: true },
  ];
  for (const i of IMPORTS) {
    it(`${i.rule}: active while a use is ${i.unsafeIsUnknown ? 'unjudged (external entities on)' : 'reachable'}, dismissed as ${i.kind} when every use is safe`, async () => {
      const vulnerable = `${i.imp}  # import\n${FLASK}${i.unsafeIsUnknown ? GES : ''}data = request.data\ndef f():\n    return ${i.vulnerable}\n`;
      const v = findingAt(await run(vulnerable), i.rule, 1);
      expect(v.status ?? 'active').toBe('active');
      expect(v.verdict?.kind).toBe(i.unsafeIsUnknown ? 'unknown' : 'reachable');
      const safe = `${i.imp}\n${FLASK}def f():\n    return ${i.safe}\n`;
      expectDismissed(await run(safe), i.rule, 1, i.kind);
    });
  }

  it('an import nothing in the file calls is dismissed; one call with untracked data keeps it', async () => {
    expectDismissed(await run('import pickle\nVERSION = pickle.HIGHEST_PROTOCOL\n'), 'B403', 1, 'constant');
    const f = findingAt(await run('import pickle\ndef f(blob):\n    return pickle.loads(blob)\n'), 'B403', 1);
    expect(f.status ?? 'active').toBe('active');
    expect(f.verdict?.kind).toBe('unknown');
  });

  it('B407 follows the expatbuilder calls (B316): an active use keeps the import active', async () => {
    const code = `from xml.dom import expatbuilder\n${GES}def f(data):\n    return expatbuilder.parseString(data)\n`;
    const r = await run(code);
    expect(findingAt(r, 'B316', 6).status ?? 'active').toBe('active');
    expect(findingAt(r, 'B407', 1).status ?? 'active').toBe('active');
  });

  // Gap: an import is dismissed as "nothing calls it" when the module object escapes (re-exported, passed to a function).
  it.fails('keeps an import active when the module object is passed on', async () => {
    const code = `import pickle\n${FLASK}def load(mod):\n    return mod.loads(request.data)\ndef f():\n    return load(pickle)\n`;
    expect(findingAt(await run(code), 'B403', 1).status ?? 'active').toBe('active');
  });
});

describe('triage: constants', () => {
  const CASES: { name: string; safe: string; vulnerable: string }[] = [
    {
      name: 'a folded constant ("ls " + "-l")',
      safe: 'import subprocess\ndef f():\n    subprocess.call("ls " + "-l", shell=True)  # sink\n',
      vulnerable: `import subprocess\n${FLASK}def f():\n    subprocess.call("ls " + request.args["d"], shell=True)  # source # sink\n`,
    },
    {
      name: 'a module constant',
      safe: 'import subprocess\nCMD = "ls -l"\ndef f():\n    subprocess.call(CMD, shell=True)  # sink\n',
      vulnerable: `import subprocess\n${FLASK}CMD = "ls -l"\ndef f():\n    subprocess.call(CMD + request.args["d"], shell=True)  # source # sink\n`,
    },
    {
      name: 'a dead branch (if 7 * 6 > 100)',
      safe: `import subprocess\n${FLASK}def f():\n    cmd = "ls"\n    if 7 * 6 > 100:\n        cmd = request.args["c"]\n    subprocess.call(cmd, shell=True)  # sink\n`,
      vulnerable: `import subprocess\n${FLASK}def f():\n    cmd = "ls"\n    if 7 * 6 > 10:\n        cmd = request.args["c"]  # source\n    subprocess.call(cmd, shell=True)  # sink\n`,
    },
    {
      name: 'a list element after pop(0)',
      safe: `import subprocess\n${FLASK}def f():\n    cmds = [request.args["c"], "ls"]\n    cmds.pop(0)\n    subprocess.call(cmds[0], shell=True)  # sink\n`,
      vulnerable: `import subprocess\n${FLASK}def f():\n    cmds = [request.args["c"], "ls"]  # source\n    subprocess.call(cmds[0], shell=True)  # sink\n`,
    },
    {
      name: 'a deque element after popleft()',
      safe: `import subprocess\nfrom collections import deque\n${FLASK}def f():\n    d = deque()\n    d.append(request.args["c"])\n    d.append("ls")\n    d.popleft()\n    subprocess.call(d.popleft(), shell=True)  # sink\n`,
      vulnerable: `import subprocess\nfrom collections import deque\n${FLASK}def f():\n    d = deque()\n    d.append("ls")\n    d.appendleft(request.args["c"])  # source\n    subprocess.call(d.popleft(), shell=True)  # sink\n`,
    },
    {
      name: 'the constant a list pop() returns',
      safe: `import subprocess\n${FLASK}def f():\n    cmds = [request.args["c"], "ls"]\n    cmd = cmds.pop()\n    subprocess.call(cmd, shell=True)  # sink\n`,
      vulnerable: `import subprocess\n${FLASK}def f():\n    cmds = ["ls", request.args["c"]]  # source\n    cmd = cmds.pop()\n    subprocess.call(cmd, shell=True)  # sink\n`,
    },
    {
      name: 'a configparser option set to a constant beside a tainted one, after add_section()',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.add_section("s")\n    conf.set("s", "cmd", "ls")\n    conf.set("s", "user", request.args["c"])\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.add_section("s")\n    conf.set("s", "cmd", "ls")\n    conf.set("s", "user", request.args["c"])  # source\n    subprocess.call(conf.get("s", "user"), shell=True)  # sink\n`,
    },
    {
      name: 'a configparser option read from a constant INI text',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_string("[s]\\n# the listing\\nCmd = ls\\n")\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_string("[s]\\ncmd = " + request.args["c"])  # source\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
    },
    {
      name: 'a configparser option set and read through the mapping interface',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf["s"] = {}\n    conf["s"]["cmd"] = "ls"\n    conf["s"]["user"] = request.args["c"]\n    subprocess.call(conf["s"]["cmd"], shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf["s"] = {}\n    conf["s"]["cmd"] = "ls"\n    conf["s"]["user"] = request.args["c"]  # source\n    subprocess.call(conf["s"]["user"], shell=True)  # sink\n`,
    },
    {
      name: 'a configparser section assigned a dict (it replaces the section; DEFAULT options show through)',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf["DEFAULT"] = {"cmd": "ls"}\n    conf["s"] = {"cmd": request.args["c"]}\n    conf["s"] = {"user": request.args["c"]}\n    subprocess.call(conf["s"]["cmd"], shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf["DEFAULT"] = {"cmd": "ls"}\n    conf["s"] = {"user": "me"}\n    conf["s"] = {"cmd": request.args["c"]}  # source\n    subprocess.call(conf["s"]["cmd"], shell=True)  # sink\n`,
    },
    {
      name: 'a configparser option get() finds in DEFAULT (the section\'s own option wins)',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_dict({"DEFAULT": {"cmd": "ls"}})\n    conf.add_section("s")\n    conf.set("s", "user", request.args["c"])\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_dict({"DEFAULT": {"cmd": "ls"}})\n    conf.add_section("s")\n    conf.set("s", "cmd", request.args["c"])  # source\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
    },
    {
      name: 'a configparser option from read_dict() beside a tainted one',
      safe: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_dict({"s": {"cmd": "ls", "user": request.args["c"]}})\n    subprocess.call(conf.get("s", "cmd"), shell=True)  # sink\n`,
      vulnerable: `import subprocess, configparser\n${FLASK}def f():\n    conf = configparser.ConfigParser()\n    conf.read_dict({"s": {"cmd": "ls", "user": request.args["c"]}})  # source\n    subprocess.call(conf.get("s", "user"), shell=True)  # sink\n`,
    },
    {
      name: 'the text of an io.StringIO() written only constants',
      safe: `import subprocess, io\n${FLASK}def f():\n    buf = io.StringIO()\n    buf.write("ls ")\n    buf.write("-l")\n    cmd = buf.getvalue()\n    subprocess.call(cmd, shell=True)  # sink\n`,
      vulnerable: `import subprocess, io\n${FLASK}def f():\n    buf = io.StringIO()\n    buf.write("ls ")\n    buf.write(request.args["d"])  # source\n    cmd = buf.getvalue()\n    subprocess.call(cmd, shell=True)  # sink\n`,
    },
    {
      name: 'the text of an io.StringIO() written a constant on either branch',
      safe: `import subprocess, io\n${FLASK}def f():\n    buf = io.StringIO()\n    if request.args.get("long"):\n        buf.write("ls")\n    else:\n        buf.write("ls")\n    cmd = buf.getvalue()\n    subprocess.call(cmd, shell=True)  # sink\n`,
      vulnerable: `import subprocess, io\n${FLASK}def f():\n    buf = io.StringIO()\n    if request.args.get("long"):\n        buf.write("ls")\n    else:\n        buf.write(request.args["d"])  # source\n    cmd = buf.getvalue()\n    subprocess.call(cmd, shell=True)  # sink\n`,
    },
    {
      name: 'a dict entry with a constant key',
      safe: `import subprocess\n${FLASK}def f():\n    cmds = {"user": request.args["c"], "list": "ls"}\n    subprocess.call(cmds["list"], shell=True)  # sink\n`,
      vulnerable: `import subprocess\n${FLASK}def f():\n    cmds = {"user": request.args["c"], "list": "ls"}  # source\n    subprocess.call(cmds["user"], shell=True)  # sink\n`,
    },
  ];
  for (const c of CASES) {
    it(`dismisses ${c.name} as constant; the tainted twin is reachable`, async () => {
      const f = expectDismissed(await run(c.safe), 'B602', lineOf(c.safe, '# sink'), 'constant');
      expect(f.verdict!.reason).toMatch(/constant "ls/);
      expectReachable(await run(c.vulnerable), 'B602', c.vulnerable, 'KR102');
    });
  }

  it('dismisses a call that never runs, saying which condition is always false', async () => {
    const code = `import subprocess\n${FLASK}def f():\n    if 7 * 6 > 100:\n        subprocess.call(request.args["c"], shell=True)  # sink\n`;
    const f = expectDismissed(await run(code), 'B602', lineOf(code, '# sink'), 'constant');
    expect(f.verdict!.reason).toMatch(/never runs.*7 \* 6 > 100/);
  });
});

describe('triage: sanitisers and guards', () => {
  it('shlex.quote sanitises a shell command', async () => {
    const code = `import subprocess, shlex\n${FLASK}def f():\n    subprocess.call("ls " + shlex.quote(request.args["d"]), shell=True)  # sink\n`;
    const f = expectDismissed(await run(code), 'B602', lineOf(code, '# sink'), 'sanitised');
    expect(f.verdict!.reason).toMatch(/shlex\.quote/);
  });

  it('shlex.quote before eval or SQL is not a sanitiser: reachable', async () => {
    const ev = `import shlex\n${FLASK}def f():\n    return eval(shlex.quote(request.args["e"]))  # source # sink\n`;
    expectReachable(await run(ev), 'B307', ev, 'KR103');
    const sql = `import shlex\n${FLASK}def f(cur):\n    cur.execute("SELECT * FROM t WHERE a = '%s'" % shlex.quote(request.args["c"]))  # source # sink\n`;
    expectReachable(await run(sql), 'B608', sql, 'KR101');
  });

  it('int() sanitises a command and SQL text', async () => {
    const sh = `import subprocess\n${FLASK}def f():\n    n = int(request.args["n"])\n    subprocess.call("head -n %d log" % n, shell=True)  # sink\n`;
    expect(expectDismissed(await run(sh), 'B602', lineOf(sh, '# sink'), 'sanitised').verdict!.reason).toMatch(/int\(\)/);
    const sql = `${FLASK}def f(cur):\n    n = int(request.args["n"])\n    cur.execute("SELECT * FROM t WHERE id = %d" % n)  # sink\n`;
    expectDismissed(await run(sql), 'B608', lineOf(sql, '# sink'), 'sanitised');
  });

  it('an allow-list guard with an early return or raise sanitises; a guard that goes on does not', async () => {
    const ret = `import subprocess\n${FLASK}def f():\n    c = request.args["c"]\n    if c not in {"ls", "pwd"}:\n        return "no"\n    subprocess.call(c, shell=True)  # sink\n`;
    expect(expectDismissed(await run(ret), 'B602', lineOf(ret, '# sink'), 'sanitised').verdict!.reason).toMatch(/c not in/);
    const raise = `import subprocess\n${FLASK}ALLOWED = {"ls", "pwd"}\ndef f():\n    c = request.args["c"]\n    if c not in ALLOWED:\n        raise ValueError(c)\n    subprocess.call(c, shell=True)  # sink\n`;
    expectDismissed(await run(raise), 'B602', lineOf(raise, '# sink'), 'sanitised');
    const url = `import urllib.request\n${FLASK}def f():\n    u = request.args["u"]\n    if u not in ("https://a.example/", "https://b.example/"):\n        return "no"\n    return urllib.request.urlopen(u)  # sink\n`;
    expectDismissed(await run(url), 'B310', lineOf(url, '# sink'), 'sanitised');
    const goesOn = `import subprocess\n${FLASK}def f():\n    c = request.args["c"]  # source\n    if c not in {"ls", "pwd"}:\n        print("unexpected command")\n    subprocess.call(c, shell=True)  # sink\n`;
    expectReachable(await run(goesOn), 'B602', goesOn, 'KR102');
  });

  it('html.escape sanitises HTML marked safe', async () => {
    const code = `import html\nfrom markupsafe import Markup\n${FLASK}def f():\n    return Markup(html.escape(request.args["u"]))  # sink\n`;
    expectDismissed(await run(code), 'B704', lineOf(code, '# sink'), 'sanitised');
  });

  it('leaves a value it cannot follow active as unknown', async () => {
    const code = 'import subprocess\ndef f(c):\n    subprocess.call(c, shell=True)  # sink\n';
    const r = await run(code);
    const f = findingAt(r, 'B602', 3);
    expect(f.status ?? 'active').toBe('active');
    expect(f.verdict?.kind).toBe('unknown');
    expect(r.findings).toContain(f);
  });
});

const VULN = `import subprocess\n${FLASK}def f():\n    c = request.args["c"]  # source\n    subprocess.call(c, shell=True)  # sink\n`;
const SAFE = 'import subprocess\ndef f():\n    subprocess.call("ls -l", shell=True)  # sink\n';

describe('triage: merging, --no-triage and rule filters', () => {
  it('merges the flow finding into the pattern finding: one finding, the flow rule in relatedRuleIds', async () => {
    const r = await run(VULN);
    const f = expectReachable(r, 'B602', VULN, 'KR102');
    expect(f.relatedRuleIds).toEqual(['KR102']);
    expect(f.verdict!.reason).toMatch(/request\.args.*line 4.*KR102/);
    expect(all(r).filter((x) => x.location.startLine === 5).map((x) => x.ruleId)).toEqual(['B602']);
  });

  it('--no-triage gives bandit\'s findings: no verdict, nothing dismissed, the flow finding on its own', async () => {
    for (const code of [VULN, SAFE]) {
      const r = await run(code, { triage: false });
      expect(r.dismissed ?? []).toEqual([]);
      expect(r.findings.filter((f) => f.verdict || f.status === 'dismissed' || f.relatedRuleIds)).toEqual([]);
      expect(r.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['B602', 'B404']));
    }
    const v = await run(VULN, { triage: false });
    expect(v.findings.find((f) => f.ruleId === 'KR102')?.location.startLine).toBe(5);
  });

  it('--select KR102 still reports the flow at that place', async () => {
    const r = await run(VULN, { select: ['KR102'] });
    const at5 = r.findings.filter((f) => f.location.startLine === 5);
    expect(at5).toHaveLength(1);
    expect([at5[0]!.ruleId, ...(at5[0]!.relatedRuleIds ?? [])]).toContain('KR102');
  });

  // Issue 14: --ignore and per-path ignores match either id of a merged finding (the partner rule still runs so that the merge happens).
  it('--ignore KR102 drops the merged B602 finding', async () => {
    const r = await run(VULN, { ignore: ['KR102'] });
    expect(r.findings.filter((f) => f.location.startLine === 5)).toEqual([]);
  });

  it('a per-path ignore of KR102 drops the merged B602 finding', async () => {
    const r = await run(VULN, { config: undefined }, { 'pyproject.toml': '[tool.krait.per-path-ignores]\n"app.py" = ["KR102"]\n' });
    expect(r.findings.filter((f) => f.location.startLine === 5)).toEqual([]);
  });

  it('--ignore B602 / a per-path ignore of B602 drop the merged finding, flow rule included (either id)', async () => {
    const ig = await run(VULN, { ignore: ['B602'] });
    expect(ig.findings.filter((f) => f.location.startLine === 5)).toEqual([]);
    const pp = await run(VULN, { config: undefined }, { 'pyproject.toml': '[tool.krait.per-path-ignores]\n"app.py" = ["B602"]\n' });
    expect(pp.findings.filter((f) => f.location.startLine === 5)).toEqual([]);
  });

  it('# nosec B602 silences the pattern finding', async () => {
    const r = await run(VULN.replace('# sink', '# nosec B602'));
    expect(all(r).filter((f) => f.ruleId === 'B602')).toEqual([]);
  });

  it('# nosec KR102 silences the merged B602 finding through its related id', async () => {
    const r = await run(VULN.replace('# sink', '# nosec KR102'));
    expect(r.findings.filter((f) => f.location.startLine === 5 && /^(B602|KR102)$/.test(f.ruleId))).toEqual([]);
  });

  it('# nosec B602 also silences the flow finding that would have merged into it', async () => {
    const r = await run(VULN.replace('# sink', '# nosec B602'));
    expect(r.findings.filter((f) => f.ruleId === 'KR102')).toEqual([]);
  });
});

describe('triage: baseline, SARIF and text', () => {
  it('a baseline records active findings only: a dismissed finding that becomes reachable is new', async () => {
    const before = 'import subprocess\n' + FLASK + 'def f():\n    c = "ls -l"\n    subprocess.call(c, shell=True)\n';
    const after = before.replace('c = "ls -l"', 'c = request.args["c"]');
    const root = tree({ 'app.py': before });
    const opts = { targets: [root], jobs: 1, config: false as const, analyses: ['rules' as const] };
    const r1 = await scan(opts);
    const dismissed = findingAt(r1, 'B602', 5);
    expect(dismissed.status).toBe('dismissed');
    const file = path.join(root, 'baseline.json');
    writeBaseline(r1, file);
    const recorded = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')).findings.map((x: { fingerprint: string }) => x.fingerprint);
    expect(recorded).not.toContain(dismissed.fingerprint);
    // Unchanged code against its own baseline: nothing new, and the dismissed finding stays dismissed.
    const again = await scan({ ...opts, baseline: file });
    expect(again.findings).toEqual([]);
    expect(findingAt(again, 'B602', 5).status).toBe('dismissed');
    writeFileSync(path.join(root, 'app.py'), after);
    const r2 = await scan({ ...opts, baseline: file });
    const now = findingAt(r2, 'B602', 5);
    expect(now.fingerprint).toBe(dismissed.fingerprint); // the flagged line did not change
    expect(now.verdict?.kind).toBe('reachable');
    expect(r2.findings).toContain(now);
  });

  it('SARIF leaves dismissed findings out, and with showDismissed marks them with an accepted external suppression', async () => {
    const r = await run(VULN + SAFE.split('\n').slice(1).join('\n').replace('def f()', 'def g()'));
    const dismissed = r.dismissed!.find((f) => f.ruleId === 'B602')!;
    expect(dismissed.verdict?.kind).toBe('constant');
    const results = (log: Record<string, unknown>) => (log.runs as { results: Record<string, unknown>[] }[])[0]!.results;
    const plain = results(buildSarif(r));
    expect(plain.filter((x) => x.suppressions)).toEqual([]);
    expect(plain.map((x) => (x.partialFingerprints as Record<string, string>)['kraitFingerprint/v1'])).not.toContain(dismissed.fingerprint);
    const shown = results(buildSarif(r, undefined, { showDismissed: true }));
    const res = shown.find((x) => (x.partialFingerprints as Record<string, string>)['kraitFingerprint/v1'] === dismissed.fingerprint)!;
    expect(res.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining(dismissed.verdict!.reason) }]);
    expect((res.suppressions as { justification: string }[])[0]!.justification).toMatch(/^krait triage: constant/);
    // The active, reachable one carries no suppression, but its trace and related rule.
    const active = shown.find((x) => x.ruleId === 'B602' && !x.suppressions)!;
    expect(active.codeFlows).toBeDefined();
    expect((active.properties as Record<string, unknown>).relatedRuleIds).toEqual(['KR102']);
    expect(shown.length).toBe(plain.length + r.dismissed!.length);
  });

  it('the text report counts the dismissed findings by verdict, and lists them with showDismissed', async () => {
    const code = `import subprocess, shlex\n${FLASK}def f():\n    subprocess.call("ls", shell=True)\n    subprocess.call("ls " + shlex.quote(request.args["d"]), shell=True)\n    subprocess.call(["ls"])\n`;
    const r = await run(code);
    const kinds = r.dismissed!.map((f) => f.verdict!.kind).sort();
    expect(kinds).toEqual(['constant', 'constant', 'sanitised', 'sanitised']); // B602, B603 constant; B602 and the import (B404) sanitised
    const text = renderText(r, { color: false });
    // Counted by verdict, the most frequent first (ties in report order).
    expect(text).toMatch(/^4 findings dismissed by triage \((constant: 2, sanitised: 2|sanitised: 2, constant: 2)\) — --show-dismissed lists them\.$/m);
    expect(text).not.toContain('DISMISSED (');
    const shown = renderText(r, { color: false, showDismissed: true });
    expect(shown).toContain('DISMISSED (4):');
    expect(shown).toMatch(/Verdict:.*sanitised \(dismissed\).*shlex\.quote/);
  });
});
