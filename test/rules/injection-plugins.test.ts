import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';

describe('injection plugins', () => {
  it('B601 paramiko exec_command', () =>
    testRule('B601', {
      valid: ['client.exec_command("ls")  # no paramiko import', 'import paramiko\nclient.invoke_shell()'],
      invalid: [
        { code: 'import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command("ls " + d)', errors: [{ line: 3, column: 1, message: 'Possible shell injection via Paramiko call, check inputs are properly sanitized.' }], severity: 'medium', confidence: 'medium' },
        { code: 'from paramiko import SSHClient\nSSHClient().exec_command("uptime")', lines: [2] },
      ],
    }));

  it('B604 shell=True on other functions, reported on the shell= line', () =>
    testRule('B604', {
      valid: ['import subprocess\nsubprocess.Popen("ls", shell=True)', 'foo(shell=False)', 'foo(shell=None)', 'foo(shell=0)'],
      invalid: [
        { code: 'utils.execute(cmd, shell=True)', errors: [{ line: 1, column: 26, message: 'Function call with shell=True parameter identified, possible security issue.' }], severity: 'medium', confidence: 'low' },
        { code: 'run_cmd(\n    "ls",\n    shell=True,\n)', lines: [3] },
        { code: 'foo(shell=[1])\nfoo(shell="yes")', lines: [1, 2] },
      ],
    }));

  it('B606 process without a shell', () =>
    testRule('B606', {
      valid: ['import os\nos.system("ls")', 'import os\nos.getpid()'],
      invalid: [
        { code: 'import os\nos.execl(path, arg0)\nos.spawnv(os.P_WAIT, p, a)\nos.startfile(p)', errors: [{ line: 2, column: 1, message: 'Starting a process without a shell.' }, { line: 3, column: 1, message: 'Starting a process without a shell.' }, { line: 4, column: 1, message: 'Starting a process without a shell.' }], severity: 'low', confidence: 'medium' },
        { code: 'from os import execvp as ex\nex(p, a)', lines: [2] },
      ],
    }));

  it('B609 wildcard injection through a shell', () =>
    testRule('B609', {
      valid: [
        'import subprocess\nsubprocess.Popen("/bin/rsync *")',
        'import os\nos.system("ls *")',
        'import subprocess\nsubprocess.Popen("/bin/chown *", shell=1)  # bandit compares the text True',
        'import os\nos.system("/bin/chmod 600 x")',
      ],
      invalid: [
        { code: 'import os\nos.system("/bin/tar cvf x.tar *")', errors: [{ line: 2, column: 1, message: 'Possible wildcard injection in call: os.system' }], severity: 'high', confidence: 'medium' },
        { code: 'import subprocess as subp\nsubp.Popen(\n    "/bin/chown *",\n    shell=True)', lines: [4] },
        { code: 'import os\nos.popen2(["chmod", "+w", "*"])', lines: [2] },
      ],
    }));

  it('B610 Django extra() with computed SQL', () =>
    testRule('B610', {
      valid: [
        'User.objects.extra(where=["id = %s"], params=[pk])',
        'User.objects.extra(select={"is_recent": "pub_date > \'2006-01-01\'"})',
        'User.objects.extra(tables=["myapp_person"])',
      ],
      invalid: [
        { code: 'User.objects.extra(where=[f"id = {pk}"])', errors: [{ line: 1, column: 1, message: 'Use of extra potential SQL attack vector.' }], severity: 'medium', confidence: 'medium' },
        { code: 'qs = User.objects.all()\nqs.extra(select={"x": "y" + z})', lines: [2] },
        { code: 'User.objects.extra(None, where_clause)', lines: [1] },
        { code: 'User.objects.extra(tables=tables)', lines: [1] },
      ],
    }));

  it('B611 RawSQL with computed SQL', () =>
    testRule('B611', {
      valid: [
        'from django.db.models.expressions import RawSQL\nRawSQL("select 1 where id = %s", (pk,))',
        'RawSQL(sql, ())  # no django.db.models import',
      ],
      invalid: [
        { code: 'from django.db.models.expressions import RawSQL\nq.annotate(v=RawSQL("select %s" % col, ()))', errors: [{ line: 2, column: 14, message: 'Use of RawSQL potential SQL attack vector.' }], severity: 'medium', confidence: 'medium' },
        { code: 'from django.db import models\nmodels.expressions.RawSQL(sql=query, params=())', lines: [2] },
      ],
    }));

  it('B612 logging.config.listen without verify', () =>
    testRule('B612', {
      valid: ['import logging.config\nlogging.config.listen(9999, verify=check)'],
      invalid: [
        { code: 'import logging.config\nt = logging.config.listen(9999)', errors: [{ line: 2, column: 5, message: 'Use of insecure logging.config.listen detected.' }], severity: 'medium', confidence: 'high' },
        { code: 'from logging import config\nconfig.listen()', lines: [2] },
      ],
    }));

  it('B612 message', () => {
    expect(runOn('import logging.config\nlogging.config.listen(1)', ['B612'])[0]!.message).toBe('Use of insecure logging.config.listen detected.');
  });
});
