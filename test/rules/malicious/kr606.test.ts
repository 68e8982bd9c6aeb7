import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
  it('KR606 clipboard-hijack', () =>
    testRule('KR606', {
      valid: ['import pyperclip\ndef copy(t):\n    pyperclip.copy(t)', 'import pyperclip\ndef paste():\n    return pyperclip.paste()'],
      invalid: [
        { code: 'import pyperclip\nA = "0x52908400098527886E0F7030069857D2E4169EE7"\ndef w():\n    if pyperclip.paste().startswith("0x"):\n        pyperclip.copy(A)', errors: [{ line: 5, column: 9, message: 'The clipboard is read and rewritten in a file that holds a cryptocurrency address or address pattern when called.' }], severity: 'high' },
        { code: 'import pyperclip\ndef w():\n    t = pyperclip.paste()\n    pyperclip.copy(t.strip())', lines: [4], severity: 'medium' },
        { code: 'import pyperclip\nstolen = pyperclip.paste()', lines: [2], severity: 'medium', options: INIT },
      ],
    }));
});
