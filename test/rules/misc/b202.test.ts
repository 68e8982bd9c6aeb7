import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("misc plugins", () => {
  it('B202 tarfile.extractall: high, medium with members, low with a members function, none with filter="data"', () =>
    testRule('B202', {
      valid: [
        'import tarfile\nt = tarfile.open(p)\nt.extractall(d, filter="data")',
        'import zipfile\nz.extractall(d)',
        'from tarfile import open as o\no(p).extractall(d)  # bandit needs `import tarfile`',
      ],
      invalid: [
        { code: 'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d)', errors: [{ line: 3, column: 5, message: 'tarfile.extractall used without any validation. Please check and discard dangerous members.' }], severity: 'high', confidence: 'high' },
        { code: 'import tarfile\nt.extractall(d, members=safe_members(t))', lines: [2], severity: 'low', confidence: 'low' },
        { code: 'import tarfile\nt.extractall(d, members=ms)', lines: [2], severity: 'medium', confidence: 'medium' },
        { code: 'import tarfile\nt.extractall(d, filter="tar")', lines: [2], severity: 'high' },
      ],
    }));
});
