import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B507 paramiko AutoAddPolicy / WarningPolicy', () =>
    testRule('B507', {
      valid: [
        'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())',
        'client.set_missing_host_key_policy(AutoAddPolicy)  # no paramiko import',
      ],
      invalid: [
        { code: 'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())', errors: [{ line: 3, column: 1, message: 'Paramiko call with policy set to automatically trust the unknown host key.' }], severity: 'high', confidence: 'medium' },
        { code: 'from paramiko import client\nssh = client.SSHClient()\nssh.set_missing_host_key_policy(client.WarningPolicy)', lines: [3] },
        { code: 'from paramiko import SSHClient, AutoAddPolicy\nSSHClient().set_missing_host_key_policy(AutoAddPolicy())', lines: [2] },
      ],
    }));
});
