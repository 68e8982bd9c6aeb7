import { describe, expect, it } from 'vitest';
import { py, runPairs, type Pair } from './models-helpers.js';

const F = 'from flask import Flask, request\napp = Flask(__name__)\n';
const view = (imports: string, body: string): string => `${imports}\n${F}@app.route("/x", methods=["GET", "POST"])\ndef x():\n${body.replace(/^/gm, '    ')}\n`;
const u = 'request.args["u"]';

/** A sanitiser clears its kinds only: `vuln` reaches a sink of another kind, `safe` the kind it clears. */
const sanitizers: Pair[] = [
  {
    name: 're.escape clears a regular expression pattern',
    rule: 'KR137',
    vuln: view('import re', `return str(re.search("^" + ${u} + "$", TEXT))`),
    safe: view('import re', `return str(re.search("^" + re.escape(${u}) + "$", TEXT))`),
    source: 'request.args',
  },
  {
    name: 're.escape does not clear a shell command',
    rule: 'KR102',
    vuln: view('import re, os', `os.system("grep " + re.escape(${u}))`),
    safe: view('import re, os, shlex', `os.system("grep " + shlex.quote(re.escape(${u})))`),
    source: 'request.args',
  },
  {
    name: 'html.escape clears XSS (not shell)',
    rule: 'KR108',
    vuln: view('import html', `return "<p>%s</p>" % ${u}`),
    safe: view('import html', `return "<p>%s</p>" % html.escape(${u})`),
    source: 'request.args',
  },
  {
    name: 'html.escape does not clear a shell command',
    rule: 'KR102',
    vuln: view('import html, os', `os.system("echo " + html.escape(${u}))`),
    safe: view('import html, os, shlex', `os.system("echo " + shlex.quote(html.escape(${u})))`),
    source: 'request.args',
  },
  {
    name: 'markupsafe.escape clears XSS',
    rule: 'KR108',
    vuln: view('from markupsafe import escape, Markup', `return Markup("<p>" + ${u} + "</p>")`),
    safe: view('from markupsafe import escape, Markup', `return Markup("<p>" + escape(${u}) + "</p>")`),
    source: 'request.args',
  },
  {
    name: 'markupsafe.escape does not clear SQL',
    rule: 'KR101',
    vuln: view('from markupsafe import escape', `cur.execute("SELECT * FROM t WHERE n = '%s'" % escape(${u}))`),
    safe: view('from markupsafe import escape', `cur.execute("SELECT * FROM t WHERE n = ?", (escape(${u}),))`),
    source: 'request.args',
  },
  {
    name: 'html.escape does not clear header injection (CR/LF survive)',
    rule: 'KR112',
    vuln: view('import html\nfrom flask import make_response', `r = make_response("ok")\nr.headers["X-N"] = html.escape(${u})\nreturn r`),
    safe: view('import html\nfrom flask import make_response', `r = make_response("ok")\nr.headers["X-N"] = str(int(${u}))\nreturn r`),
    source: 'request.args',
  },
  {
    name: 'shlex.quote clears a shell command',
    rule: 'KR102',
    vuln: view('import os, shlex', `os.system("ls " + ${u})`),
    safe: view('import os, shlex', `os.system("ls " + shlex.quote(${u}))`),
    source: 'request.args',
  },
  {
    name: 'shlex.quote does not clear SQL',
    rule: 'KR101',
    vuln: view('import shlex', `cur.execute("SELECT * FROM t WHERE n = " + shlex.quote(${u}))`),
    safe: view('import shlex', `cur.execute("SELECT * FROM t WHERE n = ?", (shlex.quote(${u}),))`),
    source: 'request.args',
  },
  {
    name: 'parameterised query: the params tuple is not a SQL sink',
    rule: 'KR101',
    vuln: view('import sqlite3', `cur.execute("SELECT * FROM t WHERE n = '" + ${u} + "'")`),
    safe: view('import sqlite3', `cur.execute("SELECT * FROM t WHERE n = ?", (${u},))`),
    source: 'request.args',
  },
  {
    name: 'int() clears every kind',
    rule: 'KR101',
    vuln: view('', `cur.execute("SELECT * FROM t WHERE id = " + ${u})`),
    safe: view('', `cur.execute("SELECT * FROM t WHERE id = " + str(int(${u})))`),
    source: 'request.args',
  },
  {
    name: 'uuid.UUID() clears every kind',
    rule: 'KR104',
    vuln: view('import uuid', `return open("/srv/" + ${u}).read()`),
    safe: view('import uuid', `return open("/srv/" + str(uuid.UUID(${u}))).read()`),
    source: 'request.args',
  },
  {
    name: 'secure_filename clears paths (not XSS)',
    rule: 'KR104',
    vuln: view('from werkzeug.utils import secure_filename', `return open("/srv/" + ${u}).read()`),
    safe: view('from werkzeug.utils import secure_filename', `return open("/srv/" + secure_filename(${u})).read()`),
    source: 'request.args',
  },
  {
    name: 'secure_filename does not clear XSS',
    rule: 'KR108',
    vuln: view('from werkzeug.utils import secure_filename', `return "<p>" + secure_filename(${u})`),
    safe: view('from werkzeug.utils import secure_filename\nimport html', `return "<p>" + html.escape(secure_filename(${u}))`),
    source: 'request.args',
  },
  {
    name: 'os.path.basename clears paths',
    rule: 'KR104',
    vuln: view('import os', `return open("/srv/" + os.path.normpath(${u})).read()`),
    safe: view('import os', `return open("/srv/" + os.path.basename(${u})).read()`),
    source: 'request.args',
  },
  {
    name: 'escape_filter_chars clears LDAP',
    rule: 'KR110',
    vuln: view('import ldap\nfrom ldap.filter import escape_filter_chars', `conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % ${u})`),
    safe: view('import ldap\nfrom ldap.filter import escape_filter_chars', `conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(${u}))`),
    source: 'request.args',
  },
  {
    // A DN escaper leaves `*`, `(` and `)` alone: in a search filter `*` still matches every entry.
    name: 'ldap3 escape_filter_chars clears LDAP; the DN escapers (escape_dn_chars, escape_rdn) do not',
    rule: 'KR110',
    vuln: view('import ldap\nfrom ldap.dn import escape_dn_chars', `conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_dn_chars(${u}))`),
    safe: view('import ldap\nfrom ldap3.utils.conv import escape_filter_chars', `conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(${u}))`),
    source: 'request.args',
  },
  {
    name: 'a DN escaped with escape_rdn is no filter escaper (ldap3)',
    rule: 'KR110',
    vuln: view('import ldap3\nfrom ldap3.utils.dn import escape_rdn', `conn.search("dc=x", f"(cn=*{escape_rdn(${u})}*)")`),
    safe: view('import ldap3\nfrom ldap3.utils.conv import escape_filter_chars', `conn.search("dc=x", f"(cn=*{escape_filter_chars(${u})}*)")`),
    source: 'request.args',
  },
  {
    name: 'psycopg2 sql.Identifier clears SQL',
    rule: 'KR101',
    vuln: view('from psycopg2 import sql', `cur.execute(sql.SQL("SELECT * FROM {}").format(sql.SQL(${u})))`),
    safe: view('from psycopg2 import sql', `cur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(${u})))`),
    source: 'request.args',
  },
  {
    name: 'urllib.parse.quote clears shell but not paths',
    rule: 'KR104',
    vuln: view('from urllib.parse import quote', `return open("/srv/" + quote(${u})).read()`),
    safe: view('from urllib.parse import quote', `return open("/srv/" + str(len(quote(${u})))).read()`),
    source: 'request.args',
  },
  {
    name: "urllib.parse.quote clears SSRF, but not with safe=':/' (the scheme survives)",
    rule: 'KR105',
    vuln: view('import requests\nfrom urllib.parse import quote', `return requests.get(quote(${u}, safe=":/"), timeout=5).text`),
    safe: view('import requests\nfrom urllib.parse import quote', `return requests.get(quote(${u}), timeout=5).text`),
    source: 'request.args',
  },
  {
    name: "urllib.parse.quote keeps '/' (//evil.example redirects); quote_plus clears redirects",
    rule: 'KR107',
    vuln: view('from flask import redirect\nfrom urllib.parse import quote', `return redirect(quote(${u}))`),
    safe: view('from flask import redirect\nfrom urllib.parse import quote_plus', `return redirect(quote_plus(${u}))`),
    source: 'request.args',
  },
  {
    name: 'urllib.parse.quote clears a shell command, unless safe= keeps the metacharacters',
    rule: 'KR102',
    vuln: view('import os\nfrom urllib.parse import quote', `os.system("fetch " + quote(${u}, safe="/;|&"))`),
    safe: view('import os\nfrom urllib.parse import quote', `os.system("fetch " + quote(${u}))`),
    source: 'request.args',
  },
  {
    name: 're.sub with a negated allow-list class clears what the class excludes',
    rule: 'KR102',
    vuln: view('import os, re', `os.system("ls " + re.sub(r"[;&|]", "", ${u}))`),
    safe: view('import os, re', `os.system("ls " + re.sub(r"[^a-z0-9]", "", ${u}))`),
    source: 'request.args',
  },
  {
    name: 're.sub with a compiled negated class',
    rule: 'KR104',
    vuln: view('import re\nBAD = re.compile(r"[^\\w./-]")', `return open("/srv/" + BAD.sub("", ${u})).read()`),
    safe: view('import re\nBAD = re.compile(r"[^\\w-]")', `return open("/srv/" + BAD.sub("", ${u})).read()`),
    source: 'request.args',
  },
  {
    name: 're.sub clears nothing when the pattern is not a negated class',
    rule: 'KR108',
    vuln: view('import re', `return "<p>" + re.sub(r"<script>", "", ${u})`),
    safe: view('import re, html', `return "<p>" + html.escape(re.sub(r"<script>", "", ${u}))`),
    source: 'request.args',
  },
  {
    name: 'str.replace clears nothing',
    rule: 'KR104',
    vuln: view('', `return open("/srv/" + ${u}.replace("../", "")).read()`),
    safe: view('from werkzeug.utils import secure_filename', `return open("/srv/" + secure_filename(${u}.replace("../", ""))).read()`),
    source: 'request.args',
  },
  {
    name: 'replace() of CR and LF clears header injection',
    rule: 'KR112',
    vuln: view('from flask import make_response', `r = make_response("ok")\nr.headers["X-N"] = ${u}.replace("\\r", "")\nreturn r`),
    safe: view('from flask import make_response', `r = make_response("ok")\nr.headers["X-N"] = ${u}.replace("\\r", "").replace("\\n", "")\nreturn r`),
    source: 'request.args',
  },
  {
    name: 'base64 encoding clears nothing',
    rule: 'KR108',
    vuln: view('import base64', `return "<p>" + base64.b64decode(${u}).decode()`),
    safe: view('import base64', `return "<p>" + str(len(base64.b64decode(${u})))`),
    source: 'request.args',
  },
];

/** Header injection (CWE-113): a sanitiser must provably remove both CR and LF (or encode them). */
const hdr = (imports: string, value: string): string => view(`from flask import make_response\n${imports}`, `r = make_response("ok")\nr.headers["X-N"] = ${value}\nreturn r`);
const headerSanitizers: Pair[] = [
  ['re.sub of a class with CR and LF (one is not enough)', 'import re', `re.sub(r"[\\r]", "", ${u})`, `re.sub(r"[\\r\\n]", "", ${u})`],
  ['re.sub of an alternation of CR and LF (CRLF as a pair is not enough)', 'import re', `re.sub(r"\\r\\n", "", ${u})`, `re.sub(r"\\r|\\n", " ", ${u})`],
  ['re.sub whose replacement puts a newline back', 'import re', `re.sub(r"[\\r\\n]+", "\\n", ${u})`, `re.sub(r"[\\r\\n]+", " ", ${u})`],
  ['re.sub of \\s (which holds CR and LF)', 'import re', `re.sub(r"\\t", "", ${u})`, `re.sub(r"\\s+", " ", ${u})`],
  ['a compiled pattern removing CR and LF', 'import re\nCRLF = re.compile(r"[\\r\\n]")\nCR = re.compile(r"\\r")', `CR.sub("", ${u})`, `CRLF.sub("", ${u})`],
  ['a compiled pattern of control characters replaced by a function writing their hex code', 'import re\nCONTROL = re.compile(r"[\\x00-\\x1f\\x7f]")', `CONTROL.sub(lambda m: "%s" % m.group(), ${u})`, `CONTROL.sub(lambda m: "\\\\x%02x" % ord(m.group()), ${u})`],
  ['re.sub with a function writing a code by format()', 'import re', `re.sub(r"[\\r\\n]", lambda m: "{}".format(m.group()), ${u})`, `re.sub(r"[\\r\\n]", lambda m: "\\\\u{:04x}".format(ord(m.group())), ${u})`],
  ['a character filter that drops CR and LF', '', `"".join(ch for ch in ${u} if ch != "\\r")`, `"".join(ch for ch in ${u} if ch not in "\\r\\n")`],
  ['a character filter with a tuple of CR and LF', '', `"".join([ch for ch in ${u} if ch not in ("<", ">")])`, `"".join([ch for ch in ${u} if ch not in ("\\r", "\\n")])`],
  ['a character allow-list filter', '', `"".join(c for c in ${u} if c not in "<>")`, `"".join(c for c in ${u} if c.isalnum())`],
  ['replace() of other characters clears nothing; CR and LF to spaces does', '', `${u}.replace("<", "").replace(">", "")`, `${u}.replace("\\n", " ").replace("\\r", " ")`],
  ['replace() of the CRLF pair leaves a lone LF', '', `${u}.replace("\\r\\n", "")`, `${u}.replace("\\r", "").replace("\\n", "")`],
  ['urllib.parse.quote encodes CR and LF', 'import urllib.parse', `urllib.parse.unquote(${u})`, `urllib.parse.quote(${u})`],
  ['int() clears header injection', '', `str(${u})`, `str(int(${u}))`],
].map(([what, imports, vuln, safe]): Pair => ({ name: `header sanitiser: ${what}`, rule: 'KR112', vuln: hdr(imports!, vuln!), safe: hdr(imports!, safe!), source: 'request.args' }));
sanitizers.push(...headerSanitizers);

describe('taint model rows: sanitizers per sink kind', () => runPairs(sanitizers));

/** Pass-through summaries: the result carries the argument's taint (vuln); a non-propagating look-alike does not (safe). */
const passThrough: Pair[] = [
  ['str methods', `${u}.strip().lower().encode().decode()`, `${u}.strip().isdigit()`],
  ['f-string', `f"-n {${u}}"`, `f"-n {len(${u})}"`],
  ['% formatting', `"-n %s" % ${u}`, `"-n %d" % int(${u})`],
  ['str.format', `"-n {}".format(${u})`, `"-n {}".format(${u}.count("a"))`],
  ['str.join', `" ".join(["-n", ${u}])`, `" ".join(["-n", str(${u}.find("a"))])`],
  ['base64 round trip', `base64.b64decode(base64.b64encode(${u}.encode())).decode()`, `str(len(base64.b64encode(${u}.encode())))`],
  ['urllib round trip', `urllib.parse.unquote(${u})`, `str(urllib.parse.unquote(${u}).startswith("a"))`],
  ['json round trip', `json.loads(json.dumps({"n": ${u}}))["n"]`, `str(len(json.dumps({"n": ${u}})))`],
  ['io.StringIO getvalue()', `io.StringIO(${u}).getvalue()`, `str(io.StringIO(${u}).tell())`],
  ['io.StringIO read()', `io.StringIO(${u}).read()`, `str(io.StringIO(${u}).seek(0))`],
].map(([what, tainted, safe]): Pair => ({
  name: `pass-through ${what}`,
  rule: 'KR102',
  vuln: view('import os, io, json, base64, urllib.parse', `os.system("ping " + ${tainted})`),
  safe: view('import os, io, json, base64, urllib.parse', `os.system("ping " + ${safe})`),
  source: 'request.args',
}));
passThrough.push(
  {
    name: 'pass-through configparser set/get',
    rule: 'KR102',
    vuln: view('import os, configparser', `cfg = configparser.ConfigParser()\ncfg.add_section("s")\ncfg.set("s", "host", ${u})\nos.system("ping " + cfg.get("s", "host"))`),
    safe: view('import os, configparser', 'cfg = configparser.ConfigParser()\ncfg.add_section("s")\ncfg.set("s", "host", "localhost")\nos.system("ping " + cfg.get("s", "host"))'),
    source: 'request.args',
  },
  {
    name: 'pass-through list.append',
    rule: 'KR102',
    vuln: view('import os', `cmd = ["ping"]\ncmd.append(${u})\nos.system(" ".join(cmd))`),
    safe: view('import os', 'cmd = ["ping"]\ncmd.append("localhost")\nos.system(" ".join(cmd))'),
    source: 'request.args',
  },
  {
    name: 'pass-through list.extend',
    rule: 'KR102',
    vuln: view('import os', `cmd = ["ping"]\ncmd.extend([${u}, "-c1"])\nos.system(" ".join(cmd))`),
    safe: view('import os', 'cmd = ["ping"]\ncmd.extend(["localhost", "-c1"])\nos.system(" ".join(cmd))'),
    source: 'request.args',
  },
  {
    name: 'pass-through io.StringIO write() then getvalue()',
    rule: 'KR108',
    vuln: view('import io', `buf = io.StringIO()\nbuf.write("<p>")\nbuf.write(${u})\nreturn buf.getvalue()`),
    safe: view('import io', 'buf = io.StringIO()\nbuf.write("<p>")\nreturn buf.getvalue()'),
    source: 'request.args',
  },
);

passThrough.push(
  {
    name: 'pass-through write() taints an io.StringIO but not self (self.write() of a handler)',
    rule: 'KR102',
    vuln: view('import io, os', `buf = io.StringIO()\nbuf.write("ping ")\nbuf.write(${u})\nos.system(buf.getvalue())`),
    safe: py(`
import os
from flask import request
class H:
    def go(self):
        self.write(request.args["u"])
        os.system("ping " + self.host)
`),
    source: 'request.args',
  },
  {
    name: 'pass-through io.BytesIO write() then read()',
    rule: 'KR109',
    vuln: view('import io, pickle', 'b = io.BytesIO()\nb.write(request.get_data())\nb.seek(0)\nreturn str(pickle.load(b))'),
    safe: view('import io, pickle', 'b = io.BytesIO()\nb.write(open("/srv/state", "rb").read())\nb.seek(0)\nreturn str(pickle.load(b))'),
    source: 'request.get_data',
  },
  {
    name: 'pass-through compiled pattern methods carry the string',
    rule: 'KR102',
    vuln: view('import os, re\nWS = re.compile(r"\\s+")', `os.system("ping " + WS.split(${u})[0])`),
    safe: view('import os, re\nWS = re.compile(r"\\s+")', 'os.system("ping " + WS.split("localhost")[0])'),
    source: 'request.args',
  },
);

/** Element-sensitive containers through extend, +=, list concatenation and a JSON round trip: `vuln` reads the tainted element, `safe` a constant one. */
const elements: [string, string, string, string][] = [
  ['list.extend([...])', `cmd = ["ping"]\ncmd.extend(["-c", ${u}])`, 'cmd[2]', 'cmd[1]'],
  ['list += [...]', `cmd = ["ping"]\ncmd += ["-c", ${u}]`, 'cmd[2]', 'cmd[1]'],
  ['list += a tracked list', `extra = ["-c", ${u}]\ncmd = ["ping"]\ncmd += extra`, 'cmd[2]', 'cmd[1]'],
  ['list.extend(a tracked list)', `extra = ["-c", ${u}]\ncmd = ["ping"]\ncmd.extend(extra)`, 'cmd[2]', 'cmd[0]'],
  ['list + list', `cmd = ["ping"] + ["-c", ${u}]`, 'cmd[2]', 'cmd[1]'],
  ['json round trip of a dict', `d = json.loads(json.dumps({"host": ${u}, "count": "1"}))`, 'd["host"]', 'd["count"]'],
  ['json round trip through a name', `s = json.dumps([${u}, "localhost"])\nl = json.loads(s)`, 'l[0]', 'l[1]'],
];
for (const [what, setup, bad, good] of elements) {
  passThrough.push({
    name: `element-sensitive pass-through: ${what}`,
    rule: 'KR102',
    vuln: view('import os, json', `${setup}\nos.system("ping " + ${bad})`),
    safe: view('import os, json', `${setup}\nos.system("ping " + ${good})`),
    source: 'request.args',
  });
}
passThrough.push({
  name: 'element-sensitive pass-through: an argv list extended after a constant program',
  rule: 'KR102',
  vuln: view('import subprocess', `cmd = []\ncmd.extend([${u}, "-c", "1"])\nsubprocess.run(cmd)`),
  safe: view('import subprocess', `cmd = ["ping"]\ncmd.extend(["-c", "1", ${u}])\ncmd += ["-W", ${u}]\nsubprocess.run(cmd)`),
  source: 'request.args',
});

describe('taint model rows: pass-through summaries', () => runPairs(passThrough));

/**
 * Conversions that clear every kind leave a sanitised residue: an unknown call would also
 * return untainted data, so these rows are checked through the triage verdict of the
 * pattern finding at the sink (dismissed as 'sanitised', naming the conversion).
 */
describe('taint model rows: conversions that clear every kind (seen in the triage verdict)', () => {
  for (const conv of ['int', 'float', 'uuid.UUID', 'decimal.Decimal', 'ipaddress.ip_address', 'datetime.date.fromisoformat']) {
    it(`${conv}() is a sanitiser for every kind`, async () => {
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const path = await import('node:path');
      const { scan } = await import('../../src/pipeline/scan.js');
      const root = mkdtempSync(path.join(tmpdir(), 'krait-conv-'));
      const code = `import uuid, decimal, ipaddress, datetime\nfrom flask import request\ndef f(cur):\n    cur.execute("SELECT * FROM t WHERE a = '%s'" % ${conv}(request.args["n"]))\n`;
      writeFileSync(path.join(root, 'app.py'), code);
      const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
      const f = [...r.findings, ...(r.dismissed ?? [])].find((x) => x.ruleId === 'B608');
      expect(f?.verdict?.kind).toBe('sanitised');
      expect(f?.verdict?.reason).toContain(`${conv}()`);
    });
  }
});

describe('fixed prefix of a %-format string', () => {
  runPairs([
    {
      name: 'only the text before the first %s is fixed: "http://%s/health" % host reaches the host',
      rule: 'KR105',
      vuln: view('import urllib.request', `return urllib.request.urlopen("http://%s/health" % ${u}).read()`),
      safe: view('import urllib.request', `return urllib.request.urlopen("https://api.example.com/%s" % ${u}).read()`),
      source: 'request.args',
    },
  ]);
});
