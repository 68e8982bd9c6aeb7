import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR125 predictable names in the temp directory', () =>
    testRule('KR125', {
      valid: ['import tempfile, os, uuid\np = os.path.join(tempfile.gettempdir(), f"x-{uuid.uuid4()}")', 'import tempfile\nd = tempfile.gettempdir()'],
      invalid: [
        { code: 'import tempfile, os\npath = os.path.join(tempfile.gettempdir(), "export.csv")', errors: [{ line: 2, column: 8, message: 'A fixed file name in the shared temporary directory can be pre-created or symlinked by another user: use tempfile.NamedTemporaryFile/mkstemp/mkdtemp.' }] },
        { code: 'import tempfile\nopen(tempfile.gettempdir() + "/app.lock", "w")', lines: [2] },
        { code: 'from pathlib import Path\nimport tempfile\np = Path(tempfile.gettempdir()) / "cache.db"', lines: [3] },
      ],
    }));
});
