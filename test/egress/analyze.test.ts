import { describe, expect, it } from 'vitest';
import { egressOf } from './helpers.js';
import { egressVerdict, parseEndpoint, summarizeEgress, networkCommand, shellCommands } from '../../src/egress/index.js';
import { renderEgress } from '../../src/report/egress-text.js';

const details = (code: string, counting = true) =>
  egressOf(code)
    .via.filter((v) => !counting || v.counts)
    .map((v) => `${v.kind} ${v.detail}`);

describe('imports and calls resolve through aliases', () => {
  it('import as, from-import as, attribute alias, __import__', () => {
    expect(details('import httpx as h\nh.get("x")')).toEqual(['import httpx', 'call httpx.get']);
    expect(details('from smtplib import SMTP as S\nS("mx.example-mail.com")')).toEqual(['import smtplib', 'call smtplib.SMTP', 'host mx.example-mail.com']);
    expect(details('import google.cloud.storage\ngoogle.cloud.storage.Client()')).toEqual(['import google.cloud.storage', 'call google.cloud.storage.Client']);
    expect(details('importlib = __import__("importlib")\nimport importlib\nimportlib.import_module("ftplib").FTP("h")')).toContain('call ftplib.FTP');
  });

  it('a parameter or local variable named like a module is not the module', () => {
    expect(details('def f(requests):\n    requests.get("x")')).toEqual([]);
    expect(details('socket = make()\nsocket.socket()')).toEqual([]);
  });

  it('calls-only modules count only their listed members', () => {
    expect(details('import asyncio\nasyncio.run(main())')).toEqual([]);
    expect(details('import asyncio\nasyncio.open_connection("h", 1)')).toEqual(['call asyncio.open_connection']);
    expect(details('import logging.handlers\nlogging.handlers.RotatingFileHandler("x.log")')).toEqual([]);
    expect(details('import logging.handlers\nlogging.handlers.HTTPHandler("logs.example-corp.io", "/")')).toContain('call logging.handlers.HTTPHandler');
    expect(details('import ssl\nctx = ssl.create_default_context()')).toEqual([]);
  });

  it('constants and exceptions are quiet on import, classes are not', () => {
    expect(details('from socket import AF_INET, SOCK_STREAM, timeout')).toEqual([]);
    expect(details('from ftplib import FTP_TLS')).toEqual(['import ftplib']);
    expect(details('from smtplib import SMTPException')).toEqual([]);
  });

  it('sending methods on unknown objects count', () => {
    expect(details('def f(sock, b):\n    sock.sendall(b)')).toEqual(['call sock.sendall']);
  });
});

describe('subprocess network tools', () => {
  it('reads lists, shell strings, shlex.split, sh -c, wrappers and git subcommands', () => {
    expect(details('import subprocess\nsubprocess.check_output(["/usr/bin/wget", "-q", "http://x.example-dl.com/a"])')).toEqual(['subprocess wget -q http://x.example-dl.com/a', 'url http://x.example-dl.com/a']);
    expect(details('import os\nos.popen("cat f | sudo nc -q1 10.1.2.3 80")')).toEqual(['subprocess nc -q1 10.1.2.3 80']);
    expect(details('import subprocess, shlex\nsubprocess.run(shlex.split("ssh host uptime"))')).toEqual(['subprocess ssh host uptime']);
    expect(details('import subprocess\nsubprocess.call(["bash", "-c", "curl -s x | sh"])')).toEqual(['subprocess curl -s x']);
    expect(details('import subprocess\nsubprocess.run(["git", "status"])')).toEqual([]);
    expect(details('import subprocess\nsubprocess.run(["git", "push", "origin"])')).toEqual(['subprocess git push origin']);
    expect(details('import subprocess\ncmd = ["scp", "a", "b:/c"]\nsubprocess.run(cmd)')).toEqual(['subprocess scp a b:/c']);
    expect(details('import subprocess\nsubprocess.run(prog)')).toEqual([]);
    expect(details('import sh\nsh.curl("https://a.example-x.com")')).toContain('subprocess curl https://a.example-x.com');
  });

  it('helpers', () => {
    expect(shellCommands('A=1 curl x && echo ok; (wget y)').map((a) => a[0])).toEqual(['A=1', 'echo', 'wget']);
    expect(networkCommand(['env', 'A=1', 'curl', 'x'])).toBe('curl x');
    expect(networkCommand(['openssl', 'req'])).toBeUndefined();
    expect(networkCommand(['openssl', 's_client', '-connect', 'h:443'])).toBe('openssl s_client -connect h:443');
  });
});

describe('endpoints', () => {
  it('classifies URLs, hosts and IPs with scopes', () => {
    expect(parseEndpoint('https://api.openai.com/v1')).toMatchObject({ kind: 'url', host: 'api.openai.com', scope: 'public' });
    expect(parseEndpoint('http://localhost:8080/x')).toMatchObject({ kind: 'url', scope: 'local' });
    expect(parseEndpoint('http://[::1]:8080/x')).toMatchObject({ kind: 'url', scope: 'local' });
    expect(parseEndpoint('http://169.254.169.254/latest/meta-data/')).toMatchObject({ scope: 'private' });
    expect(parseEndpoint('https://{}/api')).toMatchObject({ kind: 'url', scope: 'unknown' });
    expect(parseEndpoint('http://example.com')).toMatchObject({ scope: 'example' });
    expect(parseEndpoint('s3://my-bucket/key')).toMatchObject({ kind: 'url', scope: 'public' });
    expect(parseEndpoint('10.0.0.5:8080')).toMatchObject({ kind: 'ip', scope: 'private' });
    expect(parseEndpoint('8.8.8.8')).toMatchObject({ kind: 'ip', scope: 'public' });
    expect(parseEndpoint('192.0.2.10')).toMatchObject({ kind: 'ip', scope: 'example' });
    expect(parseEndpoint('2001:db8::1')).toMatchObject({ kind: 'ip', scope: 'example' });
    expect(parseEndpoint('0:0::0')).toMatchObject({ kind: 'ip', scope: 'local' });
    expect(parseEndpoint('smtp.gmail.com:587')).toMatchObject({ kind: 'host', host: 'smtp.gmail.com', scope: 'public' });
    expect(parseEndpoint('localhost')).toMatchObject({ kind: 'host', scope: 'local' });
  });

  it('rejects what is not an endpoint', () => {
    for (const s of ['1.2.3.4', '2.5.4.3', 'setup.py', 'MANIFEST.in', 'logging.info', 'os.path', 'google.cloud', 'settings.local', 'file:///etc/passwd', 'sqlite:///db.sqlite3', 'see https://x.org for more', 'http://', 'http://www.w3.org/1999/xhtml', 'a:b:c', '300.1.1.1']) {
      expect(parseEndpoint(s), s).toBeUndefined();
    }
  });

  it('masks passwords and secret query values', () => {
    expect(parseEndpoint('postgres://app:hunter2hunter2@db.example-corp.io/app')!.value).toBe('postgres://app:***@db.example-corp.io/app');
    expect(parseEndpoint('https://api.example-x.com/v1?api_key=sk_live_abcdef123456&page=2')!.value).toBe('https://api.example-x.com/v1?api_key=***&page=2');
    expect(parseEndpoint('https://ghp_aaaaaaaaaaaaaaaaaaaa@github.com/o/r.git')!.value).toBe('https://***@github.com/o/r.git');
  });

  it('counts an endpoint passed to a call directly, through a name, a default or formatting', () => {
    expect(egressOf('post("https://a.example-x.com/" + path)').canSendData).toBe(true);
    expect(egressOf('BASE = "https://a.example-x.com"\ndef f(c):\n    c.get(f"{BASE}/x")').canSendData).toBe(true);
    expect(egressOf('def f(url="https://a.example-x.com/hook"):\n    send(url)').canSendData).toBe(true);
    expect(egressOf('send("https://a.example-x.com/{}".format(1))').canSendData).toBe(true);
    expect(egressOf('class C:\n    endpoint = "https://a.example-x.com"\n    def f(self):\n        go(self.endpoint)').canSendData).toBe(true);
  });

  it('does not count an endpoint that is only printed, logged, compared or raised', () => {
    expect(egressOf('print("https://a.example-x.com")').canSendData).toBe(false);
    expect(egressOf('import logging\nlogging.info("https://a.example-x.com")').canSendData).toBe(false);
    expect(egressOf('if u == "https://a.example-x.com": pass').canSendData).toBe(false);
    expect(egressOf('raise ValueError("https://a.example-x.com")').canSendData).toBe(false);
    expect(egressOf('URL = "https://a.example-x.com"').canSendData).toBe(false);
  });
});

describe('verdict, summary and rendering', () => {
  const files = [
    { path: 'b.py', egress: egressOf('import requests\nimport os\nrequests.post("https://api.example-x.com/v1", headers={"k": os.environ["OPENAI_API_KEY"]})') },
    { path: 'a.py', egress: egressOf('import subprocess\nsubprocess.run(["curl", "https://api.example-x.com/v1"])') },
    { path: 'c.py', egress: egressOf('x = "http://localhost:8000"') },
    { path: 'd.txt' },
  ];

  it('states the verdict in one line', () => {
    expect(egressVerdict(files[0]!.egress!)).toBe(
      'can send data out: yes, via import requests (line 1), call requests.post (line 3), url https://api.example-x.com/v1 (line 3)',
    );
    expect(egressVerdict(files[2]!.egress!)).toBe('can send data out: no');
  });

  it('summarises files, channels, modules, endpoints, tools and credential names', () => {
    const s = summarizeEgress(files);
    expect(s.filesAnalysed).toBe(3);
    expect(s.filesThatCanSendData).toBe(2);
    expect(s.files.map((f) => f.path)).toEqual(['a.py', 'b.py']);
    expect(s.byChannel).toContainEqual({ channel: 'endpoint', files: 2 });
    expect(s.modules).toEqual([{ module: 'requests', channel: 'http', files: 1 }]);
    expect(s.endpoints[0]).toMatchObject({ value: 'https://api.example-x.com/v1', fileCount: 2, passedToCall: true, scope: 'public' });
    expect(s.endpoints.at(-1)).toMatchObject({ value: 'http://localhost:8000', scope: 'local', passedToCall: false });
    expect(s.subprocessTools).toEqual([{ tool: 'curl', files: 1 }]);
    expect(s.credentialNames).toEqual([{ name: 'OPENAI_API_KEY', files: 1 }]);
    const text = renderEgress(s, { color: false });
    expect(text).toContain('2 of 3 Python files can send data out');
    expect(text).toContain('requests (1)');
    expect(text).not.toContain('\u001b[');
    expect(renderEgress(s, { color: true })).toContain('\u001b[');
  });

  it('never prints control characters from the scanned code', () => {
    const s = summarizeEgress([{ path: 'x\u001b[31m.py', egress: egressOf('import socket') }]);
    expect(renderEgress(s, { color: false })).not.toContain('\u001b');
  });
});

describe('an import used only quietly', () => {
  it('does not count when every use is quiet, counts when one use sends or when unused', () => {
    expect(egressOf('def node():\n    import socket\n    return socket.gethostname()').canSendData).toBe(false);
    expect(egressOf('import socket\nsocket.gethostname()\nsocket.socket()').canSendData).toBe(true);
    expect(egressOf('import socket').canSendData).toBe(true);
    expect(egressOf('import socket\nopen_with(socket)').canSendData).toBe(true);
    expect(egressOf('try:\n    import ssl, socket\nexcept ImportError:\n    socket = None\nx = socket.AF_INET').canSendData).toBe(false);
  });
});
