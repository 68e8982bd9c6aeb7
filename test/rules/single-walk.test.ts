/**
 * Rules that collect during the engine's single walk and decide at `Module:exit`: what they
 * decide must depend on the whole file, whatever the order of its parts (a tool registered
 * before its function is defined, a client timeout set after the call, a wallet address
 * written after the clipboard code), and state must not leak from one file to the next.
 */
import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';

const runRule = (id: string, code: string) => runOn(code, [id]);

const OPENAI = 'from openai import OpenAI\n';

describe('rules deciding at Module:exit from what the walk collected', () => {
  it('KR333 resolves a tool registered before its function is defined', () =>
    testRule('KR333', {
      valid: [
        OPENAI + 'from langchain.tools import Tool\nT = Tool(func=restart, name="restart")\ndef restart(name):\n    return ALLOWED[name]',
        // A dangerous function that is not registered as a tool.
        OPENAI + 'import subprocess\ndef run_shell(command):\n    return subprocess.run(command, shell=True)',
      ],
      invalid: [
        { code: OPENAI + 'import subprocess\nfrom langchain.tools import Tool\nT = Tool(func=run_shell, name="sh")\ndef run_shell(command):\n    return subprocess.run(command, shell=True)', lines: [5] },
        // The sink sits in a function nested in the tool: it still runs when the tool does.
        { code: OPENAI + 'import os\nfrom langchain.tools import tool\n@tool\ndef go(cmd):\n    def inner():\n        os.system(cmd)\n    inner()', lines: [5] },
      ],
    }));

  it('KR332 sees a client timeout set anywhere in the file, after the call too', () =>
    testRule('KR332', {
      valid: [OPENAI + 'def ask(q):\n    return client.chat.completions.create(model="m", max_tokens=10, messages=q)\nclient = OpenAI(timeout=20)'],
      invalid: [{ code: OPENAI + 'def ask(q):\n    return client.chat.completions.create(model="m", max_tokens=10, messages=q)\nclient = OpenAI()', lines: [3] }],
    }));

  it('KR331 follows model output into a sink in a nested function', () =>
    testRule('KR331', {
      valid: [OPENAI + 'client = OpenAI()\ndef run(cursor, q):\n    sql = client.chat.completions.create(model="m", messages=q)\n    def store():\n        cursor.execute("SELECT 1")\n    store()'],
      invalid: [{ code: OPENAI + 'client = OpenAI()\ndef run(cursor, q):\n    sql = client.chat.completions.create(model="m", messages=q)\n    def store():\n        cursor.execute(sql)\n    store()', lines: [6] }],
    }));

  it('KR326 takes a lock anywhere in the function as a guard, and looks at a nested function on its own', () =>
    testRule('KR326', {
      valid: ['def pay(account, amount):\n    if account.balance >= amount:\n        account.balance -= amount\n    with db.lock:\n        pass'],
      invalid: [
        { code: 'def pay(account, amount):\n    if account.balance >= amount:\n        account.balance -= amount', lines: [3] },
        // The outer function's lock does not cover the nested function: that one is looked at on its own.
        { code: 'def outer():\n    def pay(account, amount):\n        if account.balance >= amount:\n            account.balance -= amount\n    with transaction.atomic():\n        pay(a, 1)', lines: [4] },
      ],
    }));

  it('KR605 uses socket facts from anywhere in the file', () =>
    testRule('KR605', {
      valid: ['import subprocess\ndef handle(data):\n    cmd = data.decode()\n    subprocess.check_output(cmd, shell=True)'],
      invalid: [
        { code: 'import socket, subprocess\ndef handle(c):\n    d = c.recv(1024)\n    cmd = d.decode()\n    subprocess.check_output(cmd, shell=True)\nc = socket.create_connection(A)', lines: [5] },
      ],
    }));

  it('KR606 sees a clipboard read and a wallet address written after the write', () =>
    testRule('KR606', {
      valid: ['import pyperclip\ndef w(t):\n    pyperclip.copy(t)\nA = "0x52908400098527886E0F7030069857D2E4169EE7"'],
      invalid: [
        { code: 'import pyperclip\ndef w():\n    pyperclip.copy(A)\ndef r():\n    return pyperclip.paste()\nA = "0x52908400098527886E0F7030069857D2E4169EE7"', lines: [3], severity: 'high' },
      ],
    }));

  it('KR306 collects Flask config writes during the walk, class and assignment forms', () =>
    testRule('KR306', {
      valid: ['from flask import Flask\nclass DevConfig:\n    DEBUG = True', { code: 'from flask import Flask\napp = Flask(__name__)\napp.config["DEBUG"] = True', options: { path: 'settings/dev.py' } }],
      invalid: [{ code: 'from flask import Flask\nclass ProdConfig:\n    DEBUG = True\napp = Flask(__name__)\napp.config.update(PROPAGATE_EXCEPTIONS=True)\napp.debug = True', lines: [3, 5, 6] }],
    }));

  it('keeps no state from one file to the next', () => {
    // The clipboard read of the first file must not make the second file's write a hijack.
    expect(runRule('KR606', 'import pyperclip\ndef r():\n    return pyperclip.paste()').length).toBe(0);
    expect(runRule('KR606', 'import pyperclip\ndef w(t):\n    pyperclip.copy(t)').length).toBe(0);
    expect(runRule('KR332', OPENAI + 'client = OpenAI(timeout=5)').length).toBe(0);
    expect(runRule('KR332', OPENAI + 'client.chat.completions.create(model="m", max_tokens=1, messages=q)').length).toBe(1);
  });
});
