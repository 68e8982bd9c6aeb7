import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B601 paramiko exec_command', () =>
    testRule('B601', {
      valid: ['client.exec_command("ls")  # no paramiko import', 'import paramiko\nclient.invoke_shell()'],
      invalid: [
        { code: 'import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command("ls " + d)', errors: [{ line: 3, column: 1, message: 'Possible shell injection via Paramiko call, check inputs are properly sanitized.' }], severity: 'medium', confidence: 'medium' },
        { code: 'from paramiko import SSHClient\nSSHClient().exec_command("uptime")', lines: [2] },
      ],
    }));
});
