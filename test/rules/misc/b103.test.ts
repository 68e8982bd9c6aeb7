import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("misc plugins", () => {
  it('B103 permissive chmod modes', () =>
    testRule('B103', {
      valid: ['import os\nos.chmod(p, 0o600)', 'import os\nos.chmod(p, 0o644)', 'import os\nos.chmod(p, 0o664)', 'import os\nos.chmod(p, 0o760)', 'import os, stat\nos.chmod(p, stat.S_IRWXU)', 'import os\nos.chmod(p, mode)'],
      invalid: [
        { code: 'import os\nos.chmod("/etc/hosts", 0o777)', errors: [{ line: 2, column: 1, message: 'Chmod setting a permissive mask 0o777 on file (/etc/hosts).' }], severity: 'high', confidence: 'high' },
        { code: 'import os\nos.chmod(key_file, 0o755)', lines: [2], severity: 'medium' },
        { code: 'from pathlib import Path\nPath(p).chmod(0o666)\nos.fchmod(fd, 0x1ff)', lines: [3], severity: 'high' },
        { code: 'import os\nos.chmod(p, 0o701)', lines: [2], severity: 'medium' },
      ],
    }));

  it('B103 message is bandit\'s', () => {
    expect(runOn('import os\nos.chmod("/etc/hosts", 0o777)', ['B103'])[0]!.message).toBe('Chmod setting a permissive mask 0o777 on file (/etc/hosts).');
    expect(runOn('import os\nos.chmod(f(), 0o777)', ['B103'])[0]!.message).toBe('Chmod setting a permissive mask 0o777 on file (NOT PARSED).');
  });
});
